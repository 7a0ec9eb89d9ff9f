import { localPath, type ChatEvent, type Message } from '../../../shared/contract';
import { instanceFor, useEngineStore } from '../../state/engineStore';
import type { CaliperClient } from '../../platform/rpcClient';
import { MESSAGE_WINDOW, showProblem, useChatStore } from './chatStore';
import { flushEdits } from './conversationEdits';
import { putInList } from './conversationList';
import { mergeMessages } from './openConversations';
import { StreamBuffer, type StreamChunk } from '../../platform/streamBuffer';

const set = useChatStore.setState;
const get = useChatStore.getState;

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
    if (isNew && message.role === 'user' && !conversation.title.trim())
      conversation = { ...conversation, title: titleFrom(message.content) };
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
  } catch (error) {
    buffer.flush();
    if (!controller.signal.aborted) showProblem(conversationId, error);
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
  } catch {
    // Still unreachable: the conversation is read again when it is next opened.
  }
}

/**
 * The engine instance the header shows for this conversation's file: the answer is pinned to it, so
 * what answers is what the window shows (another instance of the file may exist for a Compare pane).
 */
function pinned(conversationId: string): { instanceId?: string } {
  const path = localPath(get().open[conversationId]?.conversation.model);
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
