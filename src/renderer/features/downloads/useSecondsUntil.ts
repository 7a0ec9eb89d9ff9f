import { useCallback, useSyncExternalStore } from 'react';

/** The clock as an external store: subscribers hear a tick every quarter second. */
function subscribeToClock(onTick: () => void): () => void {
  const timer = setInterval(onTick, 250);
  return () => clearInterval(timer);
}

const noSubscription = () => () => {};

/** Whole seconds until `epochMs` (never negative), re-rendering only when that number changes. */
export function useSecondsUntil(epochMs: number | null): number | null {
  const read = useCallback(() => (epochMs === null ? null : Math.max(0, Math.ceil((epochMs - Date.now()) / 1000))), [epochMs]);
  return useSyncExternalStore(epochMs === null ? noSubscription : subscribeToClock, read);
}
