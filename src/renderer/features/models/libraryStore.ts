import { create } from 'zustand';
import type { LibrarySnapshot } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';

export interface ScanProgress {
  done: number;
  total: number;
  current: string;
}

interface LibraryState {
  /** The last complete scan; kept while a new one runs so the table does not flash empty. */
  snapshot: LibrarySnapshot | null;
  scanning: boolean;
  progress: ScanProgress | null;
  error: unknown;
  query: string;
  hideInvalid: boolean;
  duplicatesOnly: boolean;
}

export const useLibraryStore = create<LibraryState>()(() => ({
  snapshot: null,
  scanning: false,
  progress: null,
  error: null,
  query: '',
  hideInvalid: false,
  duplicatesOnly: false,
}));

/** Keeps the newest snapshot: a scan that started earlier must not replace a later change. */
export function acceptSnapshot(snapshot: LibrarySnapshot): void {
  const current = useLibraryStore.getState().snapshot;
  if (current && snapshot.scannedAt < current.scannedAt) return;
  useLibraryStore.setState({ snapshot });
}

/**
 * Follows `library.onDidChange` until the signal ends: files added, removed or renamed in a
 * model folder and hashes computed in the background show up without a rescan. Re-subscribes
 * after a dropped connection.
 */
export async function watchLibrary(client: CaliperClient, signal: AbortSignal): Promise<void> {
  let delay = 250;
  while (!signal.aborted) {
    try {
      const events = await client.library.onDidChange(undefined, { signal });
      for await (const snapshot of events) {
        acceptSnapshot(snapshot);
        delay = 250;
      }
    } catch {
      // Dropped connection or aborted: try again below unless the view went away.
    }
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 4000);
  }
}

let running: AbortController | null = null;

/** Starts a scan, cancelling one already running; progress and the result land in the store. */
export async function runScan(client: CaliperClient): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const { signal } = controller;
  useLibraryStore.setState({ scanning: true, progress: null, error: null });
  try {
    const events = await client.library.scan(undefined, { signal });
    for await (const event of events) {
      if (signal.aborted) break;
      if (event.type === 'progress') {
        useLibraryStore.setState({ progress: { done: event.done, total: event.total, current: event.current } });
      } else {
        acceptSnapshot(event.snapshot);
      }
    }
  } catch (error) {
    if (!signal.aborted) useLibraryStore.setState({ error });
  } finally {
    if (running === controller) {
      running = null;
      useLibraryStore.setState({ scanning: false, progress: null });
    }
  }
}

/** Stops the running scan (the view went away); the last snapshot stays. */
export function cancelScan(): void {
  running?.abort();
}
