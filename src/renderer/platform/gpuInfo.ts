import { useCallback, useEffect, useState } from 'react';
import type { GpuInfo } from '../../shared/contract';
import { reportCallError, useClient } from './appStore';

export type GpuState = { status: 'loading' } | { status: 'done'; info: GpuInfo } | { status: 'error'; error: unknown };

/** The engine's view of the GPU; cached for the page once it answered. */
let cached: GpuInfo | null = null;

export function useGpuInfo(): { state: GpuState; retry: () => void } {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<GpuState>(() => (cached ? { status: 'done', info: cached } : { status: 'loading' }));

  useEffect(() => {
    if (cached && attempt === 0) return;
    const controller = new AbortController();
    client.system.gpu(undefined, { signal: controller.signal }).then(
      (info) => {
        if (info.state === 'ready') cached = info;
        setState({ status: 'done', info });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        reportCallError(error);
        setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [client, attempt]);

  const retry = useCallback(() => {
    cached = null;
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}

/**
 * Whether the engine found a GPU it can offload to: null while it has not answered. Load forms
 * offer GPU offload only when this is true.
 */
export function useHasGpu(): boolean | null {
  const { state } = useGpuInfo();
  if (state.status !== 'done') return null;
  const { info } = state;
  return info.state === 'ready' && info.backend !== 'cpu' && info.deviceNames.length > 0;
}
