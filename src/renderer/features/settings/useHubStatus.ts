import { useEffect, useState } from 'react';
import type { HubStatus } from '../../../shared/contract';
import { reportCallError, useAppStore, useClient } from '../../platform/appStore';

export interface HubStatusState {
  status: HubStatus | null;
  error: unknown;
  /** For answers that already carry the new status (`hub.setToken`). */
  setStatus: (status: HubStatus) => void;
}

/**
 * The endpoint in use and whether a token is saved. Asked again whenever the endpoint setting
 * changes (here or in another window), since only the host knows what HF_ENDPOINT says.
 */
export function useHubStatus(): HubStatusState {
  const client = useClient();
  const endpointSetting = useAppStore((s) => s.settings?.hubEndpoint ?? null);
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    client.hub.status(undefined, { signal: controller.signal }).then(
      (next) => {
        setStatus(next);
        setError(null);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        reportCallError(failure);
        setError(failure);
      },
    );
    return () => controller.abort();
  }, [client, endpointSetting]);

  return { status, error, setStatus };
}
