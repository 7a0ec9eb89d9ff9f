import type { Conversation, Message } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { MESSAGE_WINDOW, showProblem, useChatStore, type ConversationData } from './chatStore';
import { putInList } from './conversationList';
import { pathToLeaf } from './tree';

const set = useChatStore.setState;
const get = useChatStore.getState;

/** Replaces a conversation's settings everywhere they are shown. */
export function putConversation(conversation: Conversation): void {
  set((s) => {
    const data = s.open[conversation.id];
    return data ? { open: { ...s.open, [conversation.id]: { ...data, conversation } } } : {};
  });
  putInList(conversation);
}

/**
 * Loads a conversation for showing: the end of its shown branch. One that is generating in this
 * window is kept as it is (its stream is the fresher source); conversations neither shown nor
 * generating are dropped.
 */
export async function loadConversation(client: CaliperClient, id: string): Promise<void> {
  set((s) => {
    const open: Record<string, ConversationData> = {};
    for (const [key, data] of Object.entries(s.open)) if (key === id || s.generating[key]) open[key] = data;
    return { open, openError: s.openError?.id === id ? s.openError : null };
  });
  if (get().generating[id]) return;
  try {
    const { conversation, messages } = await client.chat.messages({ conversationId: id, limit: MESSAGE_WINDOW });
    if (get().generating[id]) return;
    set((s) => ({ open: { ...s.open, [id]: { conversation, messages: byId(messages, s.open[id]?.messages) } }, openError: null }));
  } catch (error) {
    set({ openError: { id, error } });
  }
}

/** Adds a window of messages to what is loaded (older pages, another branch, a settled answer). */
export function mergeMessages(id: string, conversation: Conversation | null, messages: Message[]): void {
  set((s) => {
    const data = s.open[id];
    if (!data) return {};
    const merged = { ...data.messages, ...byId(messages, data.messages) };
    return { open: { ...s.open, [id]: { ...data, conversation: conversation ?? data.conversation, messages: merged } } };
  });
}

/** Whether the shown branch goes on above what is loaded. */
export function hasOlder(data: ConversationData | undefined): boolean {
  if (!data) return false;
  const top = pathToLeaf(data.messages, data.conversation.leafId)[0];
  return top !== undefined && data.messages[top]!.parentId !== null;
}

const olderLoads = new Map<string, Promise<void>>();

/**
 * The messages above the oldest one shown, when the reader scrolls to the top. A second call
 * while one is on its way waits for that one.
 */
export function loadOlderMessages(client: CaliperClient, id: string, limit = MESSAGE_WINDOW): Promise<void> {
  const running = olderLoads.get(id);
  if (running) return running;
  const data = get().open[id];
  if (!data || !hasOlder(data)) return Promise.resolve();
  const top = pathToLeaf(data.messages, data.conversation.leafId)[0]!;
  const load = client.chat
    .messages({ conversationId: id, before: top, limit })
    .then((window) => mergeMessages(id, null, window.messages))
    .catch((error: unknown) => showProblem(id, error))
    .finally(() => olderLoads.delete(id));
  olderLoads.set(id, load);
  return load;
}

/**
 * The messages by id. With `previous`, a message that did not change keeps its old object, so
 * reading a conversation back re-renders only what changed.
 */
export function byId(messages: Message[], previous?: Record<string, Message>): Record<string, Message> {
  const map: Record<string, Message> = {};
  for (const m of messages) {
    const old = previous?.[m.id];
    map[m.id] = old && sameMessage(old, m) ? old : m;
  }
  return map;
}

function sameMessage(a: Message, b: Message): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.parentId === b.parentId &&
    a.content === b.content &&
    a.reasoning === b.reasoning &&
    JSON.stringify(a.stats) === JSON.stringify(b.stats) &&
    JSON.stringify(a.error) === JSON.stringify(b.error)
  );
}

/** Shows the branch through `messageId`: its end is fetched before the switch, so nothing flickers. */
export async function selectBranch(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    await client.chat.selectBranch({ messageId });
    const window = await client.chat.messages({ conversationId, limit: MESSAGE_WINDOW });
    mergeMessages(conversationId, window.conversation, window.messages);
    putInList(window.conversation);
  } catch (error) {
    showProblem(conversationId, error);
  }
}

export async function deleteMessage(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    await client.chat.deleteMessage({ messageId });
    await loadConversation(client, conversationId);
  } catch (error) {
    showProblem(conversationId, error);
  }
}
