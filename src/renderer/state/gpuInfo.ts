import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { GpuInfo } from '../../shared/contract';
import { useOrpc } from './query';

export type GpuState = { status: 'loading' } | { status: 'done'; info: GpuInfo } | { status: 'error'; error: unknown };

/** The engine's view of the GPU. A ready answer holds for the page; one still probing is asked again. */
export function useGpuInfo(): { state: GpuState; retry: () => void } {
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  const query = useQuery(
    orpc.system.gpu.queryOptions({
      staleTime: (q) => (q.state.data?.state === 'ready' ? Infinity : 0),
      gcTime: Infinity,
    }),
  );
  // Reset, not refetch: the view goes back to "loading" rather than keeping the failure on screen.
  const retry = useCallback(() => void queryClient.resetQueries({ queryKey: orpc.system.gpu.key() }), [queryClient, orpc]);
  const state: GpuState = query.isSuccess
    ? { status: 'done', info: query.data }
    : query.isError
      ? { status: 'error', error: query.error }
      : { status: 'loading' };
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
