import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiModel } from '../../../shared/contract';
import { useAppStore } from '../../state/appStore';
import { useEngineStore } from '../../state/engineStore';
import { useOrpc } from '../../state/query';

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
 * request may load one by itself): both are part of the key. New files in the library need `refresh`.
 */
export function useApiModels(): ApiModelsState {
  const orpc = useOrpc();
  // As text: every settings event is a new object, and only a change of aliases matters here.
  const aliases = useAppStore((s) => JSON.stringify(s.settings?.apiAliases ?? {}));
  const loaded = useEngineStore(loadedPaths);
  const query = useQuery(
    orpc.api.models.queryOptions({ queryKey: [...orpc.api.models.queryKey(), { aliases, loaded }], placeholderData: keepPreviousData }),
  );
  const { refetch } = query;
  const refresh = useCallback(() => void refetch(), [refetch]);
  return { models: query.data ?? null, error: query.error, refresh };
}
