import { createTanstackQueryUtils, type RouterUtils } from '@orpc/tanstack-query';
import { onlineManager, QueryClient } from '@tanstack/react-query';
import { useAppStore, useClient } from './appStore';
import type { CaliperClient } from '../platform/rpcClient';

/**
 * The renderer's server state: what a view read from the host, cached by procedure and input.
 * Failures show at once (no retries: a dropped connection is the indicator's business, and a typed
 * error will not change on a second try); focus does not refetch, since changes that matter arrive
 * by subscription or by invalidation after a mutation made here.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});

// "Online" means the host is reachable, not the browser's idea of the network: stale queries on
// screen are read again when the connection comes back.
onlineManager.setEventListener((setOnline) =>
  useAppStore.subscribe((state, previous) => {
    if (state.connection !== previous.connection) setOnline(state.connection === 'connected');
  }),
);

export type CaliperQueryUtils = RouterUtils<CaliperClient>;

const utils = new WeakMap<CaliperClient, CaliperQueryUtils>();

/** Query and mutation options for every procedure, over the session's client. */
export function useOrpc(): CaliperQueryUtils {
  const client = useClient();
  let found = utils.get(client);
  if (!found) {
    found = createTanstackQueryUtils(client);
    utils.set(client, found);
  }
  return found;
}
