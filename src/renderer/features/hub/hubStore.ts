import { create } from 'zustand';
import type { HubModelDetails, HubModelSummary, HubSort, RemoteFit } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';

export type Loadable<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; error: unknown };

interface HubState {
  query: string;
  sort: HubSort;
  results: Loadable<HubModelSummary[]> | null;
  models: Record<string, Loadable<HubModelDetails>>;
  /** By repo, file and context size: a fit is specific to all three. */
  fits: Record<string, Loadable<RemoteFit>>;
  contextSize: number | null;
}

export const useHubStore = create<HubState>()(() => ({
  query: '',
  sort: 'downloads',
  results: null,
  models: {},
  fits: {},
  contextSize: null,
}));

let searching: AbortController | null = null;

/** Runs the current query; a newer search cancels an older one so results never arrive out of order. */
export async function search(client: CaliperClient): Promise<void> {
  searching?.abort();
  const controller = new AbortController();
  searching = controller;
  const { query, sort } = useHubStore.getState();
  useHubStore.setState({ results: { status: 'loading' } });
  try {
    const value = await client.hub.search({ query, sort }, { signal: controller.signal });
    if (!controller.signal.aborted) useHubStore.setState({ results: { status: 'done', value } });
  } catch (error) {
    if (!controller.signal.aborted) useHubStore.setState({ results: { status: 'error', error } });
  }
}

export async function openModel(client: CaliperClient, repoId: string, force = false): Promise<void> {
  const current = useHubStore.getState().models[repoId];
  if (current && current.status !== 'error' && !force) return;
  const set = (state: Loadable<HubModelDetails>) => useHubStore.setState((s) => ({ models: { ...s.models, [repoId]: state } }));
  set({ status: 'loading' });
  try {
    set({ status: 'done', value: await client.hub.model({ repoId }) });
  } catch (error) {
    set({ status: 'error', error });
  }
}

export const fitKey = (repoId: string, path: string, contextSize: number) => `${repoId}\u0000${path}\u0000${contextSize}`;

let fitQueue: Promise<void> = Promise.resolve();

/** Reads the remote header and estimates; checks run one at a time (each fetches a header). */
export function checkFit(client: CaliperClient, repoId: string, path: string, revision: string | null, contextSize: number): Promise<void> {
  const key = fitKey(repoId, path, contextSize);
  const existing = useHubStore.getState().fits[key];
  if (existing && existing.status !== 'error') return fitQueue;
  const set = (state: Loadable<RemoteFit>) => useHubStore.setState((s) => ({ fits: { ...s.fits, [key]: state } }));
  set({ status: 'loading' });
  fitQueue = fitQueue.then(async () => {
    try {
      set({ status: 'done', value: await client.hub.fit({ repoId, path, revision: revision ?? undefined, contextSize }) });
    } catch (error) {
      set({ status: 'error', error });
    }
  });
  return fitQueue;
}
