import { useEngineStore } from '../../state/engineStore';
import { navigate, parseRoute, routeHref } from '../../state/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { createConversation } from './conversationActions';
import { requestSearchFocus } from './searchStore';

/** What the app's commands ask of Chat (loaded on demand, like the view). */

/** A new conversation (or the untouched one already there) with the first loaded model, if any. */
export function newChat(client: CaliperClient): Promise<void> {
  const loaded = useEngineStore.getState().models?.find((m) => m.state === 'loaded')?.path;
  return createConversation(client, loaded ? { kind: 'local', path: loaded } : null);
}

export function focusConversationSearch(): void {
  if (parseRoute(window.location.hash) !== 'chat') navigate(routeHref('chat'));
  requestSearchFocus();
}
