import { randomUUID } from 'node:crypto';
import {
  SamplingSchema,
  type BranchWindow,
  type ChatEvent,
  type Conversation,
  type ConversationCursor,
  type ConversationKind,
  type ConversationPage,
  type Message,
  type ModelRef,
  type Sampling,
  type SearchInputSchema,
  type SearchPage,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import type { ChatTurn } from '../../engineProcess/protocol';
import type { AnswerTarget } from '../inference/answerTarget';
import type { ModelResolver } from '../inference/modelResolver';
import type { ChatStore } from './chatStore';
import { pathTo } from './conversationTree';
import { parentsFirst, parseExport, toExport, toMarkdown } from './exportImport';
import { runGeneration } from './generation';
import type { MessageSearch } from './messageSearch';

export interface ConversationPatch {
  title?: string;
  pinned?: boolean;
  model?: ModelRef | null;
  systemPrompt?: string;
  sampling?: Partial<Sampling>;
}

/** How conversations that must not name their model (a blind battle's panes) are shown. */
export interface ChatRedaction {
  hidden(conversationId: string): boolean;
  conversation(c: Conversation): Conversation;
  message(m: Message): Message;
}

/** Conversations, their message trees, and answers streamed from the engine and saved as they come. */
export class ChatService {
  private readonly busy = new Set<string>();
  /** Per conversation with an answer being written: what `stop` aborts. */
  private readonly stoppers = new Map<string, AbortController>();
  private redaction: ChatRedaction | null = null;

  constructor(
    private readonly store: ChatStore,
    private readonly resolver: Pick<ModelResolver, 'target'>,
    private readonly finder: Pick<MessageSearch, 'search'>,
  ) {
    store.recoverInterrupted();
  }

  /** Whether an answer is being written anywhere (Compare panes included). */
  get generating(): boolean {
    return this.busy.size > 0;
  }

  list(cursor: ConversationCursor | null, limit: number): ConversationPage {
    return this.store.listPage(cursor, limit);
  }

  get onDidChange(): ChatStore['onDidChange'] {
    return this.store.onDidChange;
  }

  /** `kind` is the caller's: Compare makes its panes' conversations. */
  create(input: {
    title?: string;
    model?: ModelRef | null;
    systemPrompt?: string;
    sampling?: Partial<Sampling>;
    kind?: ConversationKind;
  }): Conversation {
    return this.store.insertConversation({
      kind: input.kind ?? 'chat',
      title: input.title ?? '',
      pinned: false,
      model: input.model ?? null,
      systemPrompt: input.systemPrompt ?? '',
      sampling: SamplingSchema.parse(input.sampling ?? {}),
      leafId: null,
    });
  }

  /** Stops the answer being written; the caller's stream ends with the stopped message. */
  stop(conversationId: string): void {
    this.stoppers.get(conversationId)?.abort();
  }

  /** Compare hides the model of a blind battle's panes until the vote, here as in its own calls. */
  setRedaction(redaction: ChatRedaction): void {
    this.redaction = redaction;
  }

  get(id: string): { conversation: Conversation; messages: Message[] } {
    return this.shown({ conversation: this.requireConversation(id), messages: this.store.messages(id) });
  }

  /** `limit` messages of the shown branch, ending at its leaf or just above `before`. */
  messages(conversationId: string, before: string | null, limit: number): BranchWindow {
    const conversation = this.requireConversation(conversationId);
    const end = before === null ? conversation.leafId : this.requireMessage(before, conversationId).parentId;
    const branch = end === null ? [] : this.store.branchEndingAt(end, limit);
    const byId = new Map(branch.map((m) => [m.id, m]));
    for (const sibling of this.store.siblingsOf(conversationId, branch)) if (!byId.has(sibling.id)) byId.set(sibling.id, sibling);
    return this.shown({ conversation, messages: [...byId.values()], complete: branch.length === 0 || branch[0]!.parentId === null });
  }

  private shown<T extends { conversation: Conversation; messages: Message[] }>(value: T): T {
    const r = this.redaction;
    if (!r?.hidden(value.conversation.id)) return value;
    return { ...value, conversation: r.conversation(value.conversation), messages: value.messages.map((m) => r.message(m)) };
  }

  update(id: string, patch: ConversationPatch): Conversation {
    const current = this.requireConversation(id);
    const { sampling, ...rest } = patch;
    this.store.updateConversation(id, {
      ...rest,
      ...(sampling ? { sampling: SamplingSchema.parse({ ...current.sampling, ...sampling }) } : {}),
    });
    return this.requireConversation(id);
  }

  delete(id: string): void {
    this.requireConversation(id);
    this.store.deleteConversation(id);
  }

  selectBranch(messageId: string): Conversation {
    const message = this.requireMessage(messageId);
    const leafId = this.store.newestLeafUnder(messageId);
    this.store.updateConversation(message.conversationId, { leafId });
    return this.requireConversation(message.conversationId);
  }

  deleteMessage(messageId: string): void {
    const message = this.requireMessage(messageId);
    const conversation = this.requireConversation(message.conversationId);
    this.store.transaction(() => {
      this.store.deleteMessage(messageId);
      const leafGone = conversation.leafId === null || this.store.message(conversation.leafId) === null;
      if (leafGone) {
        this.store.updateConversation(conversation.id, {
          leafId: message.parentId ? this.store.newestLeafUnder(message.parentId) : this.store.lastMessageId(conversation.id),
        });
      }
    });
  }

  search(input: ReturnType<typeof SearchInputSchema.parse>): SearchPage {
    if (input.conversationId) this.requireConversation(input.conversationId);
    return this.finder.search(input);
  }

  /**
   * `instanceId` pins the engine instance the window shows (Chat) or the pane loaded (Compare);
   * `target` is a Compare pane's own, already resolved.
   */
  async *send(
    input: { conversationId: string; content: string; parentId?: string | null; instanceId?: string },
    signal?: AbortSignal,
    target?: AnswerTarget,
  ): AsyncGenerator<ChatEvent> {
    const conversation = this.requireConversation(input.conversationId);
    const model = target ?? this.targetFor(conversation, input.instanceId);
    if (this.busy.has(conversation.id)) throw appError('GENERATION_BUSY', { conversationId: conversation.id });
    const parentId = input.parentId === undefined ? conversation.leafId : input.parentId;
    if (parentId !== null) this.requireMessage(parentId, conversation.id);
    const user = this.store.insertMessage({
      conversationId: conversation.id,
      parentId,
      role: 'user',
      content: input.content,
      status: 'complete',
    });
    if (!conversation.title) this.store.updateConversation(conversation.id, { title: titleFrom(input.content) });
    yield { type: 'message', message: user };
    yield* this.answer(conversation.id, user.id, model, null, signal);
  }

  async *regenerate(messageId: string, signal?: AbortSignal, instanceId?: string): AsyncGenerator<ChatEvent> {
    const old = this.requireMessage(messageId);
    if (old.role !== 'assistant' || !old.parentId) throw appError('MESSAGE_NOT_FOUND', { id: messageId });
    const conversation = this.requireConversation(old.conversationId);
    yield* this.answer(conversation.id, old.parentId, this.targetFor(conversation, instanceId), null, signal);
  }

  async *continue(messageId: string, signal?: AbortSignal, instanceId?: string): AsyncGenerator<ChatEvent> {
    const partial = this.requireMessage(messageId);
    if (partial.role !== 'assistant' || !partial.parentId) throw appError('MESSAGE_NOT_FOUND', { id: messageId });
    const conversation = this.requireConversation(partial.conversationId);
    yield* this.answer(conversation.id, partial.parentId, this.targetFor(conversation, instanceId), partial, signal);
  }

  export(id: string, format: 'markdown' | 'json'): { fileName: string; mimeType: string; content: string } {
    const { conversation, messages } = this.get(id);
    // An untitled conversation (nothing sent yet) is named by its date: no language to pick.
    const untitled = `Caliper ${new Date(conversation.createdAt).toISOString().slice(0, 10)}`;
    const name = (conversation.title || untitled).replace(/[^\p{L}\p{N}\- ]+/gu, '').trim().slice(0, 60) || 'caliper-conversation';
    if (format === 'json') {
      return { fileName: `${name}.json`, mimeType: 'application/json', content: JSON.stringify(toExport(conversation, messages), null, 2) };
    }
    return { fileName: `${name}.md`, mimeType: 'text/markdown', content: toMarkdown(conversation, pathTo(messages, conversation.leafId), untitled) };
  }

  import(content: string): Conversation {
    const data = parseExport(content);
    const ordered = parentsFirst(data.messages);
    const newIds = new Map(ordered.map((m) => [m.id, randomUUID()]));
    return this.store.transaction(() => {
      const conversation = this.store.insertConversation({
        kind: 'chat',
        title: data.conversation.title,
        pinned: false,
        model: data.conversation.model,
        systemPrompt: data.conversation.systemPrompt,
        sampling: data.conversation.sampling,
        leafId: null,
      });
      for (const m of ordered) {
        this.store.insertMessage({
          id: newIds.get(m.id),
          conversationId: conversation.id,
          parentId: m.parentId ? (newIds.get(m.parentId) ?? null) : null,
          role: m.role,
          content: m.content,
          reasoning: m.reasoning,
          // Nothing is streaming into an imported conversation.
          status: m.status === 'streaming' ? 'interrupted' : m.status,
          error: m.error,
          stats: m.stats,
          createdAt: m.createdAt,
        });
      }
      const leafId = data.conversation.leafId ? newIds.get(data.conversation.leafId) : undefined;
      this.store.updateConversation(conversation.id, { leafId: leafId ?? (ordered.length ? newIds.get(ordered.at(-1)!.id) : null) });
      return this.requireConversation(conversation.id);
    });
  }

  private async *answer(
    conversationId: string,
    parentId: string,
    target: AnswerTarget,
    continuing: Message | null,
    signal?: AbortSignal,
  ): AsyncGenerator<ChatEvent> {
    if (this.busy.has(conversationId)) throw appError('GENERATION_BUSY', { conversationId });
    this.busy.add(conversationId);
    let started = false;
    try {
      const conversation = this.requireConversation(conversationId);
      const answer = continuing
        ? { ...continuing, status: 'streaming' as const }
        : this.store.insertMessage({ conversationId, parentId, role: 'assistant', content: '', status: 'streaming' });
      if (continuing) this.store.setStatus(continuing.id, 'streaming');
      this.store.updateConversation(conversationId, { leafId: answer.id });

      const history: ChatTurn[] = [];
      if (conversation.systemPrompt) history.push({ role: 'system', text: conversation.systemPrompt });
      for (const m of this.store.branchEndingAt(parentId)) history.push({ role: m.role, text: m.content });

      const stopper = new AbortController();
      this.stoppers.set(conversationId, stopper);
      // Started before the first yield: a caller that leaves at once still gets a finished answer.
      const { events, done } = runGeneration(this.store, {
        conversation,
        answer,
        history,
        target,
        signal: signal ? AbortSignal.any([signal, stopper.signal]) : stopper.signal,
      });
      started = true;
      void done
        .finally(() => {
          this.busy.delete(conversationId);
          this.stoppers.delete(conversationId);
        })
        .catch(() => undefined);
      yield { type: 'message', message: answer };
      yield* events;
    } finally {
      if (!started) this.busy.delete(conversationId);
    }
  }

  private targetFor(conversation: Conversation, instanceId?: string): AnswerTarget {
    if (!conversation.model) throw appError('NO_MODEL_SELECTED', {});
    return this.resolver.target(conversation.model, instanceId);
  }

  private requireConversation(id: string): Conversation {
    const c = this.store.conversation(id);
    if (!c) throw appError('CONVERSATION_NOT_FOUND', { id });
    return c;
  }

  private requireMessage(id: string, conversationId?: string): Message {
    const m = this.store.message(id);
    if (!m || (conversationId && m.conversationId !== conversationId)) throw appError('MESSAGE_NOT_FOUND', { id });
    return m;
  }
}

function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
