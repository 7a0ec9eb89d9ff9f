import { useEffect, useState } from 'react';
import type { ApiStatus } from '../../shared/contract';
import { useClient } from './appStore';
import { follow } from '../platform/follow';

/** Whether and where the local API is served, live (the desktop app's port opens, moves, is refused). */
export function useApiStatus(): ApiStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<ApiStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void follow(controller.signal, async (signal) => {
      for await (const next of await client.api.onDidChangeStatus(undefined, { signal })) {
        setStatus(next);
      }
    });
    return () => controller.abort();
  }, [client]);
  return status;
}
