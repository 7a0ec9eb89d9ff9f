import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { HubStatus } from '../../shared/contract';
import { useAppStore } from './appStore';
import { useOrpc } from './query';

export interface HubStatusState {
  status: HubStatus | null;
  error: unknown;
  /** For answers that already carry the new status (`hub.setToken`). */
  setStatus: (status: HubStatus) => void;
}

/**
 * The endpoint in use and whether a token is saved (Settings, the Hub's subtitle). Keyed by the
 * endpoint setting, so a change made here or in another window asks again: only the host knows
 * what HF_ENDPOINT says.
 */
export function useHubStatus(): HubStatusState {
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  const endpointSetting = useAppStore((s) => s.settings?.hubEndpoint ?? null);
  const queryKey = useMemo(() => [...orpc.hub.status.queryKey(), { endpointSetting }], [orpc, endpointSetting]);
  const query = useQuery(orpc.hub.status.queryOptions({ queryKey, placeholderData: keepPreviousData }));
  const setStatus = useCallback((status: HubStatus) => queryClient.setQueryData<HubStatus>(queryKey, status), [queryClient, queryKey]);
  return { status: query.data ?? null, error: query.error, setStatus };
}
