import { useCallback, useEffect, useState } from 'react';
import type { ApiModel } from '../../../shared/contract';
import { reportCallError, useAppStore, useClient } from '../../platform/appStore';
import { useEngineStore } from '../../platform/engineStore';

export interface ApiModelsState {
  models: ApiModel[] | null;
  error: unknown;
  refresh: () => void;
}

/** The loaded files as one string, so the list is asked again only when that set changes. */
const loadedPaths = (s: ReturnType<typeof useEngineStore.getState>) =>
  (s.models ?? [])
    .filter((m) => m.state === 'loaded')
    .map((m) => m.path)
    .sort()
    .join('\n');

/**
 * The names programs can use, asked again when aliases change or a model loads or unloads (a
 * request may load one by itself). New files in the library need `refresh`.
 */
export function useApiModels(): ApiModelsState {
  const client = useClient();
  // As text: every settings event is a new object, and only a change of aliases matters here.
  const aliases = useAppStore((s) => JSON.stringify(s.settings?.apiAliases ?? {}));
  const loaded = useEngineStore(loadedPaths);
  const [models, setModels] = useState<ApiModel[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.api.models(undefined, { signal: controller.signal }).then(
      (next) => {
        setModels(next);
        setError(null);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        reportCallError(failure);
        setError(failure);
      },
    );
    return () => controller.abort();
  }, [client, aliases, loaded, asked]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { models, error, refresh };
}
