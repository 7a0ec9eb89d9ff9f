import type { Conversation, ConversationChange } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { LIST_PAGE, useChatStore } from './chatStore';
import { applyChange, mergePage } from './conversationPages';

const set = useChatStore.setState;
const get = useChatStore.getState;

/** Shows a conversation's new state in the list at once; the announced change confirms it. */
export function putInList(conversation: Conversation): void {
  if (conversation.kind !== 'chat') return;
  set((s) => ({ pages: applyChange(s.pages, { type: 'changed', conversation }) }));
}

// The list: a page at a time, changes applied as announced. A change that arrives while a page is
// on its way is applied now and again after the page, which may have been read before it.
let listRun = 0;
let changesDuringLoad: Array<Exclude<ConversationChange, { type: 'reset' }>> = [];

async function loadListPage(client: CaliperClient, first: boolean): Promise<void> {
  const { pages, listLoading } = get();
  if (!first && (listLoading || !pages.loaded || pages.cursor === null)) return;
  const run = ++listRun;
  changesDuringLoad = [];
  set({ listLoading: true });
  try {
    const page = await client.chat.list({ cursor: first ? null : pages.cursor, limit: LIST_PAGE });
    if (run !== listRun) return;
    set((s) => ({ pages: changesDuringLoad.reduce(applyChange, mergePage(s.pages, page, first)), listError: null, listLoading: false }));
  } catch (error) {
    if (run !== listRun) return;
    set({ listError: error, listLoading: false });
  }
}

/** The next page of the list, when the reader scrolls near its end. */
export function loadMoreConversations(client: CaliperClient): Promise<void> {
  return loadListPage(client, false);
}

/**
 * Follows the list until the signal ends: the subscription's first event (`reset`) loads the
 * first page, so no change can fall between the page and the subscription.
 */
export async function watchConversations(client: CaliperClient, signal: AbortSignal): Promise<void> {
  try {
    const events = await client.chat.onDidChange(undefined, { signal });
    for await (const change of events) {
      if (change.type === 'reset') {
        void loadListPage(client, true);
        continue;
      }
      if (get().listLoading) changesDuringLoad.push(change);
      set((s) => ({ pages: applyChange(s.pages, change) }));
    }
  } catch (error) {
    if (signal.aborted) return;
    if (!get().pages.loaded) set({ listError: error });
  }
}

/**
 * An untouched conversation (no message, no title, no system prompt) that "New chat" can reuse,
 * so pressing it again and again does not leave empty conversations behind.
 */
export function reusableConversation(items: readonly Conversation[]): Conversation | null {
  return items.find((c) => c.leafId === null && !c.title.trim() && !c.systemPrompt.trim()) ?? null;
}
