import type { SearchHit } from '../../../shared/contract';
import { compareHref, navigate, openConversation } from '../../state/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { useChatStore } from './chatStore';
import { hasOlder, loadOlderMessages, selectBranch } from './openConversations';
import { pathToLeaf } from './tree';

const set = useChatStore.setState;
const get = useChatStore.getState;

let highlightNonce = 0;

/**
 * Opens a search hit: the conversation, the branch that holds the message, and the message
 * marked. A Compare pane's message opens its comparison.
 */
export function openHit(hit: SearchHit): void {
  if (hit.kind === 'compare' && hit.comparisonId) {
    navigate(compareHref(hit.comparisonId));
    return;
  }
  set({ highlight: { conversationId: hit.conversationId, messageId: hit.messageId, nonce: ++highlightNonce } });
  openConversation(hit.conversationId);
}

export function clearHighlight(): void {
  set({ highlight: null });
}

/**
 * Makes sure the highlighted message is loaded and on the shown branch: a hit far up a long
 * conversation loads what is above until it is there; a hit on another branch switches to it.
 */
export async function revealHighlight(client: CaliperClient): Promise<void> {
  const highlight = get().highlight;
  if (!highlight) return;
  const { conversationId, messageId } = highlight;
  let switched = false;
  for (let guard = 0; guard < 100; guard++) {
    const data = get().open[conversationId];
    if (!data || get().highlight !== highlight) return;
    if (pathToLeaf(data.messages, data.conversation.leafId).includes(messageId)) return;
    if (hasOlder(data) && !data.messages[messageId]) {
      await loadOlderMessages(client, conversationId, 500);
    } else if (!switched) {
      // Loaded but elsewhere, or on no part of this branch: the server knows which branch holds it.
      switched = true;
      await selectBranch(client, conversationId, messageId);
    } else return;
  }
}
