import { create } from 'zustand';
import { localPath, sameModel, type ChatEvent, type Conversation, type ConversationChange, type Message, type ModelFile, type ModelRef, type Sampling, type SearchHit } from '../../../shared/contract';
import { instanceFor, useEngineStore } from '../../platform/engineStore';
import { markConnected, reportCallError } from '../../platform/appStore';
import { compareHref, navigate, openConversation, routeHref } from '../../platform/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { applyChange, emptyPages, mergePage, type ListPages } from './conversationPages';
import { StreamBuffer, type StreamChunk } from '../../platform/streamBuffer';
import { pathToLeaf } from './tree';
import { saveFile } from '../../platform/saveFile';

/**
 * One conversation as loaded: the conversation and the part of its tree fetched so far (the shown
 * branch from its end up to where the reader scrolled, and the siblings of those messages).
 */
export interface ConversationData {
  conversation: Conversation;
  messages: Record<string, Message>;
}

/** Conversations per list page, messages per branch window: a screen or two of each. */
export const LIST_PAGE = 50;
export const MESSAGE_WINDOW = 60;

/** What the header, the panel and the composer need: a new leaf or timestamp does not change it. */
export type ConversationInfo = Pick<Conversation, 'id' | 'title' | 'pinned' | 'model' | 'systemPrompt' | 'sampling' | 'createdAt'>;

/** For a shallow-compared selector: the same fields give an equal object. */
export function conversationInfo(c: Conversation | undefined): ConversationInfo | null {
  return c
    ? { id: c.id, title: c.title, pinned: c.pinned, model: c.model, systemPrompt: c.systemPrompt, sampling: c.sampling, createdAt: c.createdAt }
    : null;
}

/** A failed action, shown above the composer of the conversation it belongs to. */
export interface ChatProblem {
  conversationId: string | null;
  error: unknown;
}

interface ChatState {
  /** The chat list as far as it is loaded, kept current by `chat.onDidChange`. */
  pages: ListPages;
  listLoading: boolean;
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
}

export const useChatStore = create<ChatState>()(() => ({
  pages: emptyPages,
  listLoading: false,
  listError: null,
  open: {},
  openError: null,
  generating: {},
  models: null,
  problem: null,
  highlight: null,
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

/** Shows a conversation's new state in the list at once; the announced change confirms it. */
function putInList(conversation: Conversation): void {
  if (conversation.kind !== 'chat') return;
  set((s) => ({ pages: applyChange(s.pages, { type: 'changed', conversation }) }));
}

/** Replaces a conversation's settings everywhere they are shown. */
function putConversation(conversation: Conversation): void {
  set((s) => {
    const data = s.open[conversation.id];
    return data ? { open: { ...s.open, [conversation.id]: { ...data, conversation } } } : {};
  });
  putInList(conversation);
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
    markConnected();
  } catch (error) {
    if (run !== listRun) return;
    reportCallError(error);
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
    reportCallError(error);
    if (!get().pages.loaded) set({ listError: error });
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
    markConnected();
  } catch (error) {
    reportCallError(error);
    set({ openError: { id, error } });
  }
}

/** Adds a window of messages to what is loaded (older pages, another branch, a settled answer). */
function mergeMessages(id: string, conversation: Conversation | null, messages: Message[]): void {
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
    .catch((error: unknown) => fail(id, error))
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

/**
 * An untouched conversation (no message, no title, no system prompt) that "New chat" can reuse,
 * so pressing it again and again does not leave empty conversations behind.
 */
export function reusableConversation(items: readonly Conversation[]): Conversation | null {
  return items.find((c) => c.leafId === null && !c.title.trim() && !c.systemPrompt.trim()) ?? null;
}

export async function createConversation(client: CaliperClient, model: ModelRef | null): Promise<void> {
  try {
    const empty = reusableConversation(get().pages.items);
    if (empty && !get().generating[empty.id]) {
      if (model && !sameModel(empty.model, model)) await updateConversation(client, empty.id, { model });
      openConversation(empty.id);
      return;
    }
    const conversation = await client.chat.create({ model });
    set((s) => ({ open: { ...s.open, [conversation.id]: { conversation, messages: {} } } }));
    putInList(conversation);
    openConversation(conversation.id);
  } catch (error) {
    fail(null, error);
  }
}

type ConversationPatch = Partial<Pick<Conversation, 'title' | 'pinned' | 'model' | 'systemPrompt'>> & {
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
      return { open, pages: applyChange(s.pages, { type: 'removed', id }) };
    });
    if (shownId === id) navigate(routeHref('chat'), { replace: true });
  } catch (error) {
    fail(id, error);
  }
}

/** Shows the branch through `messageId`: its end is fetched before the switch, so nothing flickers. */
export async function selectBranch(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    await client.chat.selectBranch({ messageId });
    const window = await client.chat.messages({ conversationId, limit: MESSAGE_WINDOW });
    mergeMessages(conversationId, window.conversation, window.messages);
    putInList(window.conversation);
  } catch (error) {
    fail(conversationId, error);
  }
}

export async function deleteMessage(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  try {
    await client.chat.deleteMessage({ messageId });
    await loadConversation(client, conversationId);
  } catch (error) {
    fail(conversationId, error);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

/** Answers being written from this window: the client that asked, and a way to drop the stream. */
const generations = new Map<string, { client: CaliperClient; controller: AbortController }>();

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
      open: { ...s.open, [message.conversationId]: { ...data, conversation, messages: { ...data.messages, [message.id]: message } } },
      pages:
        conversation.title !== data.conversation.title
          ? { ...s.pages, items: s.pages.items.map((c) => (c.id === conversation.id ? { ...c, title: conversation.title } : c)) }
          : s.pages,
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
  generations.set(conversationId, { client, controller });
  let ended = false;
  set((s) => ({
    generating: { ...s.generating, [conversationId]: true },
    problem: s.problem?.conversationId === conversationId ? null : s.problem,
  }));
  const buffer = new StreamBuffer({ onFlush: (batch) => applyDeltas(conversationId, batch) });
  try {
    await flushEdits(conversationId);
    // The stream ends with the answer's final message, stopped or not: nothing to ask afterwards.
    await consumeEvents(conversationId, await start(controller.signal), buffer);
    ended = true;
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
  if (!ended) await settle(client, conversationId);
}

/** After a stream that broke (the connection dropped): the server's word on every message, read once. */
async function settle(client: CaliperClient, conversationId: string): Promise<void> {
  if (!get().open[conversationId]) return;
  try {
    const { conversation, messages } = await client.chat.messages({ conversationId, limit: MESSAGE_WINDOW });
    if (generations.has(conversationId)) return;
    mergeMessages(conversationId, conversation, messages);
    putInList(conversation);
  } catch (error) {
    reportCallError(error);
  }
}

/**
 * The engine instance the header shows for this conversation's file: the answer is pinned to it, so
 * what answers is what the window shows (another instance of the file may exist for a Compare pane).
 */
function pinned(conversationId: string): { instanceId?: string } {
  const path = localPath(useChatStore.getState().open[conversationId]?.conversation.model);
  const instance = instanceFor(useEngineStore.getState().models, path);
  return instance ? { instanceId: instance.instanceId } : {};
}

export function sendMessage(client: CaliperClient, conversationId: string, content: string, parentId?: string | null): Promise<void> {
  return runGeneration(client, conversationId, (signal) =>
    client.chat.send({ conversationId, content, ...(parentId !== undefined ? { parentId } : {}), ...pinned(conversationId) }, { signal }),
  );
}

export function regenerate(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  return runGeneration(client, conversationId, (signal) => client.chat.regenerate({ messageId, ...pinned(conversationId) }, { signal }));
}

export function continueAnswer(client: CaliperClient, conversationId: string, messageId: string): Promise<void> {
  return runGeneration(client, conversationId, (signal) => client.chat.continue({ messageId, ...pinned(conversationId) }, { signal }));
}

/**
 * Stops the answer being written: the server stops it and its stream ends with the stopped
 * message. Only when the server cannot be told (the connection is gone) is the stream dropped here.
 */
export function stopGeneration(conversationId: string): void {
  const running = generations.get(conversationId);
  if (!running) return;
  running.client.chat.stop({ conversationId }).catch(() => running.controller.abort());
}

// ---------------------------------------------------------------------------------------------
// Search, highlight, export, import

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
    putInList(conversation);
    openConversation(conversation.id);
    return { ok: true };
  } catch (error) {
    fail(null, error);
    return { ok: false, tooLarge: false };
  }
}
