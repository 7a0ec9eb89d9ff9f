import { create } from 'zustand';
import type { ChatEvent, Conversation, Message, ModelFile, Sampling, SearchHit } from '../../../shared/contract';
import { markConnected, reportCallError } from '../../platform/appStore';
import { navigate, openConversation, routeHref } from '../../platform/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { StreamBuffer, type StreamChunk } from './streamBuffer';
import { pathToLeaf } from './tree';
import { saveFile } from '../../platform/saveFile';

/** One conversation as loaded: the conversation and every message of its tree. */
export interface ConversationData {
  conversation: Conversation;
  messages: Record<string, Message>;
}

/** What the header, the panel and the composer need: a new leaf or timestamp does not change it. */
export type ConversationInfo = Pick<Conversation, 'id' | 'title' | 'pinned' | 'modelPath' | 'systemPrompt' | 'sampling'>;

/** For a shallow-compared selector: the same fields give an equal object. */
export function conversationInfo(c: Conversation | undefined): ConversationInfo | null {
  return c ? { id: c.id, title: c.title, pinned: c.pinned, modelPath: c.modelPath, systemPrompt: c.systemPrompt, sampling: c.sampling } : null;
}

/** A failed action, shown above the composer of the conversation it belongs to. */
export interface ChatProblem {
  conversationId: string | null;
  error: unknown;
}

interface ChatState {
  /** Every conversation, newest first as the server sends them; null until loaded. */
  list: Conversation[] | null;
  listError: unknown;
  /** Loaded conversations: the one shown and any still generating in the background. */
  open: Record<string, ConversationData>;
  /** Why the shown conversation could not be opened. */
  openError: { id: string; error: unknown } | null;
  /** Conversations with an answer being written from this window. */
  generating: Record<string, true>;
  /** Library files that are models (the picker's options); null until loaded. */
  models: ModelFile[] | null;
  problem: ChatProblem | null;
  /** A message to scroll to and mark (a search hit); `nonce` repeats a click on the same hit. */
  highlight: { conversationId: string; messageId: string; nonce: number } | null;
  search: { query: string; hits: SearchHit[] | null; error: unknown; busy: boolean };
}

export const useChatStore = create<ChatState>()(() => ({
  list: null,
  listError: null,
  open: {},
  openError: null,
  generating: {},
  models: null,
  problem: null,
  highlight: null,
  search: { query: '', hits: null, error: null, busy: false },
}));

const set = useChatStore.setState;
const get = useChatStore.getState;

function fail(conversationId: string | null, error: unknown): void {
  reportCallError(error);
  set({ problem: { conversationId, error } });
}

export function dismissProblem(): void {
  set({ problem: null });
}

// ---------------------------------------------------------------------------------------------
// Conversations

function sortList(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
}

function putInList(conversation: Conversation): void {
  set((s) => {
    if (!s.list) return {};
    const others = s.list.filter((c) => c.id !== conversation.id);
    return { list: sortList([conversation, ...others]) };
  });
}

/** Replaces a conversation's settings everywhere they are shown. */
function putConversation(conversation: Conversation): void {
  set((s) => {
    const data = s.open[conversation.id];
    return data ? { open: { ...s.open, [conversation.id]: { ...data, conversation } } } : {};
  });
  putInList(conversation);
}

export async function refreshList(client: CaliperClient): Promise<void> {
  try {
    const list = await client.chat.list();
    set({ list: sortList(list), listError: null });
    markConnected();
  } catch (error) {
    reportCallError(error);
    set({ listError: error });
  }
}

export async function refreshModels(client: CaliperClient): Promise<void> {
  try {
    const snapshot = await client.library.list();
    const models = snapshot.files
      .filter((f) => f.facts?.kind === 'model' && !f.problem)
      .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
    set({ models });
  } catch (error) {
    reportCallError(error);
    set({ models: get().models ?? [] });
  }
}

/**
 * Loads a conversation for showing. One that is generating in this window is kept as it is (its
 * stream is the fresher source); conversations neither shown nor generating are dropped.
 */
export async function loadConversation(client: CaliperClient, id: string): Promise<void> {
  set((s) => {
    const open: Record<string, ConversationData> = {};
    for (const [key, data] of Object.entries(s.open)) if (key === id || s.generating[key]) open[key] = data;
    return { open, openError: s.openError?.id === id ? s.openError : null };
  });
  if (get().generating[id]) return;
  try {
    const { conversation, messages } = await client.chat.get({ id });
    if (get().generating[id]) return;
    set((s) => ({ open: { ...s.open, [id]: { conversation, messages: byId(messages, s.open[id]?.messages) } }, openError: null }));
    markConnected();
  } catch (error) {
    reportCallError(error);
    set({ openError: { id, error } });
  }
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

export async function createConversation(client: CaliperClient, modelPath: string | null): Promise<void> {
  try {
    const conversation = await client.chat.create({ modelPath });
    set((s) => ({
      list: s.list ? sortList([conversation, ...s.list]) : [conversation],
      open: { ...s.open, [conversation.id]: { conversation, messages: {} } },
    }));
    openConversation(conversation.id);
  } catch (error) {
    fail(null, error);
  }
}

type ConversationPatch = Partial<Pick<Conversation, 'title' | 'pinned' | 'modelPath' | 'systemPrompt'>> & {
  sampling?: Partial<Sampling>;
};

/** Saves a change now; shows the error if it fails. */
export async function updateConversation(client: CaliperClient, id: string, patch: ConversationPatch): Promise<boolean> {
  try {
    putConversation(await client.chat.update({ id, ...patch }));
    markConnected();
    return true;
  } catch (error) {
    fail(id, error);
    return false;
  }
}

/**
 * Edits typed into the side panel, saved shortly after the typing stops. A send waits for them
 * (`flushEdits`), so the answer always uses what is on screen.
 */
const pendingEdits = new Map<string, { patch: ConversationPatch; timer: ReturnType<typeof setTimeout>; client: CaliperClient }>();
const savingEdits = new Map<string, Promise<unknown>>();

export function queueEdit(client: CaliperClient, id: string, patch: ConversationPatch, delayMs = 500): void {
  const pending = pendingEdits.get(id);
  if (pending) clearTimeout(pending.timer);
  const merged: ConversationPatch = {
    ...pending?.patch,
    ...patch,
    ...(pending?.patch.sampling || patch.sampling ? { sampling: { ...pending?.patch.sampling, ...patch.sampling } } : {}),
  };
  // Shown at once; the server's answer replaces it.
  set((s) => {
    const data = s.open[id];
    if (!data) return {};
    const conversation = {
      ...data.conversation,
      ...patch,
      sampling: { ...data.conversation.sampling, ...patch.sampling },
    } as Conversation;
    return { open: { ...s.open, [id]: { ...data, conversation } } };
  });
  pendingEdits.set(id, { patch: merged, client, timer: setTimeout(() => void flushEdits(id), delayMs) });
}

export async function flushEdits(id: string): Promise<void> {
  const pending = pendingEdits.get(id);
  if (pending) {
    clearTimeout(pending.timer);
    pendingEdits.delete(id);
    const saving = updateConversation(pending.client, id, pending.patch);
    savingEdits.set(id, saving);
    await saving;
    if (savingEdits.get(id) === saving) savingEdits.delete(id);
  } else {
    await savingEdits.get(id);
  }
}

export async function deleteConversation(client: CaliperClient, id: string, shownId: string | null): Promise<void> {
  try {
    stopGeneration(id);
    await client.chat.delete({ id });
    set((s) => {
      const open = { ...s.open };
      delete open[id];
      return { open, list: s.list?.filter((c) => c.id !== id) ?? null };
    });
    if (shownId === id) navigate(routeHref('chat'), { replace: true });
  } catch (error) {
    fail(id, error);
  }
}

export async function selectBranch(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    putConversation(await client.chat.selectBranch({ messageId }));
  } catch (error) {
    fail(conversationId, error);
  }
}

export async function deleteMessage(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    await client.chat.deleteMessage({ messageId });
    await loadConversation(client, conversationId);
    void refreshList(client);
  } catch (error) {
    fail(conversationId, error);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

const generations = new Map<string, AbortController>();

/** Applies a batch of streamed text to the messages it belongs to: one store update per frame. */
export function applyDeltas(conversationId: string, batch: Map<string, StreamChunk>): void {
  set((s) => {
    const data = s.open[conversationId];
    if (!data) return {};
    const messages = { ...data.messages };
    let changed = false;
    for (const [id, chunk] of batch) {
      const message = messages[id];
      if (!message) continue;
      messages[id] = {
        ...message,
        content: chunk.text ? message.content + chunk.text : message.content,
        reasoning: chunk.thought ? message.reasoning + chunk.thought : message.reasoning,
      };
      changed = true;
    }
    return changed ? { open: { ...s.open, [conversationId]: { ...data, messages } } } : {};
  });
}

/** A message created or finished: stored, and a new one becomes the end of the shown branch. */
export function upsertMessage(message: Message): void {
  set((s) => {
    const data = s.open[message.conversationId];
    if (!data) return {};
    const isNew = !data.messages[message.id];
    let conversation = isNew ? { ...data.conversation, leafId: message.id } : data.conversation;
    // The server names a conversation after its first message; show that name at once.
    if (isNew && message.role === 'user' && !conversation.title.trim()) conversation = { ...conversation, title: titleFrom(message.content) };
    return {
      open: { ...s.open, [message.conversationId]: { conversation, messages: { ...data.messages, [message.id]: message } } },
      list: conversation.title !== data.conversation.title && s.list ? s.list.map((c) => (c.id === conversation.id ? { ...c, title: conversation.title } : c)) : s.list,
    };
  });
}

function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** Feeds one answer's events into the store; the StreamBuffer batches the text per frame. */
export async function consumeEvents(conversationId: string, events: AsyncIterable<ChatEvent>, buffer: StreamBuffer): Promise<void> {
  for await (const event of events) {
    if (event.type === 'delta') buffer.push(event.messageId, event.segment, event.text);
    else {
      buffer.flush(); // text that arrived before the final version must not be appended after it
      upsertMessage(event.message);
    }
  }
}

function markStopped(conversationId: string): void {
  set((s) => {
    const data = s.open[conversationId];
    if (!data) return {};
    const messages = { ...data.messages };
    for (const [id, m] of Object.entries(messages)) if (m.status === 'streaming') messages[id] = { ...m, status: 'stopped' };
    return { open: { ...s.open, [conversationId]: { ...data, messages } } };
  });
}

async function runGeneration(
  client: CaliperClient,
  conversationId: string,
  start: (signal: AbortSignal) => Promise<AsyncIterable<ChatEvent>>,
): Promise<void> {
  if (generations.has(conversationId)) return;
  const controller = new AbortController();
  generations.set(conversationId, controller);
  set((s) => ({
    generating: { ...s.generating, [conversationId]: true },
    problem: s.problem?.conversationId === conversationId ? null : s.problem,
  }));
  const buffer = new StreamBuffer({ onFlush: (batch) => applyDeltas(conversationId, batch) });
  try {
    await flushEdits(conversationId);
    await consumeEvents(conversationId, await start(controller.signal), buffer);
    markConnected();
  } catch (error) {
    buffer.flush();
    if (!controller.signal.aborted) fail(conversationId, error);
  } finally {
    buffer.dispose();
    if (controller.signal.aborted) markStopped(conversationId);
    generations.delete(conversationId);
    set((s) => {
      const generating = { ...s.generating };
      delete generating[conversationId];
      return { generating };
    });
  }
  await settle(client, conversationId);
}

/** Reads the conversation back once the answer ended: the server's final word on every message. */
async function settle(client: CaliperClient, conversationId: string): Promise<void> {
  // A stopped answer is finalised by the server once the engine has finished its current token,
  // which on a busy machine can take seconds; poll for up to ~10 s.
  const attempts = 40;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (generations.has(conversationId) || !get().open[conversationId]) return;
    try {
      const { conversation, messages } = await client.chat.get({ id: conversationId });
      if (generations.has(conversationId)) return;
      const stillStreaming = messages.some((m) => m.status === 'streaming');
      if (!stillStreaming || attempt === attempts - 1) {
        set((s) =>
          s.open[conversationId]
            ? { open: { ...s.open, [conversationId]: { conversation, messages: byId(messages, s.open[conversationId]!.messages) } } }
            : {},
        );
        putInList(conversation);
        return;
      }
    } catch (error) {
      reportCallError(error);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function sendMessage(client: CaliperClient, conversationId: string, content: string, parentId?: string | null): Promise<void> {
  return runGeneration(client, conversationId, (signal) =>
    client.chat.send({ conversationId, content, ...(parentId !== undefined ? { parentId } : {}) }, { signal }),
  );
}

export function regenerate(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  return runGeneration(client, conversationId, (signal) => client.chat.regenerate({ messageId }, { signal }));
}

export function continueAnswer(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  return runGeneration(client, conversationId, (signal) => client.chat.continue({ messageId }, { signal }));
}

/** Stops the answer being written; the server keeps what was generated (status 'stopped'). */
export function stopGeneration(conversationId: string): void {
  generations.get(conversationId)?.abort();
}

// ---------------------------------------------------------------------------------------------
// Search, highlight, export, import

let searchRun = 0;

export async function searchConversations(client: CaliperClient, query: string): Promise<void> {
  const run = ++searchRun;
  const trimmed = query.trim();
  if (!trimmed) {
    set({ search: { query, hits: null, error: null, busy: false } });
    return;
  }
  set((s) => ({ search: { ...s.search, query, busy: true, error: null } }));
  try {
    const hits = await client.chat.search({ query: trimmed.slice(0, 200) });
    if (run === searchRun) set({ search: { query, hits, error: null, busy: false } });
  } catch (error) {
    reportCallError(error);
    if (run === searchRun) set({ search: { query, hits: null, error, busy: false } });
  }
}

let highlightNonce = 0;

/** Opens a search hit: the conversation, the branch that holds the message, and the message marked. */
export function openHit(hit: SearchHit): void {
  set({ highlight: { conversationId: hit.conversationId, messageId: hit.messageId, nonce: ++highlightNonce } });
  openConversation(hit.conversationId);
}

export function clearHighlight(): void {
  set({ highlight: null });
}

/** Makes sure the highlighted message is on the shown branch (switching branch if needed). */
export async function revealHighlight(client: CaliperClient): Promise<void> {
  const { highlight, open } = get();
  if (!highlight) return;
  const data = open[highlight.conversationId];
  if (!data || !data.messages[highlight.messageId]) return;
  if (pathToLeaf(data.messages, data.conversation.leafId).includes(highlight.messageId)) return;
  await selectBranch(client, highlight.conversationId, highlight.messageId);
}

/** Saves the conversation as a file through the browser's download. */
export async function exportConversation(client: CaliperClient, id: string, format: 'markdown' | 'json'): Promise<void> {
  try {
    saveFile(await client.chat.export({ id, format }));
  } catch (error) {
    fail(id, error);
  }
}

/** The contract takes at most 20 MB of text per import; larger files are refused before sending. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportOutcome = { ok: true } | { ok: false; tooLarge: boolean };

export async function importConversation(client: CaliperClient, file: File): Promise<ImportOutcome> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, tooLarge: true };
  try {
    const conversation = await client.chat.import({ content: await file.text() });
    set((s) => ({ list: s.list ? sortList([conversation, ...s.list.filter((c) => c.id !== conversation.id)]) : [conversation] }));
    openConversation(conversation.id);
    return { ok: true };
  } catch (error) {
    fail(null, error);
    return { ok: false, tooLarge: false };
  }
}
