import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiKeyInfo } from '../../../../shared/contract';
import { useOrpc } from '../../../state/query';

export interface ApiKeysState {
  keys: ApiKeyInfo[] | null;
  /** The list could not be read. */
  error: unknown;
}

/** The API keys (names and prefixes; the keys themselves are never stored). */
export function useApiKeys(): ApiKeysState {
  const orpc = useOrpc();
  const query = useQuery(orpc.api.keys.list.queryOptions());
  return { keys: query.data ?? null, error: query.error };
}

/** For a key created or revoked here: the list is read again. */
export function useApiKeysChanged(): () => Promise<void> {
  const orpc = useOrpc();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: orpc.api.keys.list.key() }), [queryClient, orpc]);
}
