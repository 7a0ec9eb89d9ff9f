import { useCallback, useEffect, useState } from 'react';
import type { ApiKeyInfo } from '../../../../shared/contract';
import { reportCallError, useClient } from '../../../platform/appStore';

export interface ApiKeysState {
  keys: ApiKeyInfo[] | null;
  /** The list could not be read. */
  error: unknown;
  refresh: () => void;
}

/** The API keys (names and prefixes; the keys themselves are never stored), asked again on `refresh`. */
export function useApiKeys(): ApiKeysState {
  const client = useClient();
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.api.keys.list(undefined, { signal: controller.signal }).then(
      (next) => {
        setKeys(next);
        setError(null);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        reportCallError(failure);
        setError(failure);
      },
    );
    return () => controller.abort();
  }, [client, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { keys, error, refresh };
}
