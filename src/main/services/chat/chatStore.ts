import { randomUUID } from 'node:crypto';
import {
  GenerationStatsSchema,
  ModelRefSchema,
  SamplingSchema,
  StoredErrorSchema,
  type Conversation,
  type ConversationChange,
  type ConversationCursor,
  type ConversationKind,
  type ConversationPage,
  type GenerationStats,
  type Message,
  type MessageStatus,
} from '../../../shared/contract';
import { Emitter } from '../../base/emitter';
import { readJson, Repository, writeJson } from '../../storage/repository';

interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string;
  created_at: number;
  updated_at: number;
  pinned: number;
  model_ref: string | null;
  system_prompt: string;
  sampling: string;
  leaf_id: string | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  status: MessageStatus;
  error: string | null;
  stats: string | null;
  created_at: number;
  updated_at: number;
}

export type NewMessage = Pick<Message, 'conversationId' | 'parentId' | 'role' | 'content' | 'status'> &
  Partial<Pick<Message, 'reasoning' | 'stats' | 'error' | 'createdAt' | 'id'>>;

/** The deepest a branch walk goes: far beyond any real conversation, and a stop for a corrupt cycle. */
const MAX_DEPTH = 1_000_000;

/** SQL for conversations and messages; every write maps SQLite failures to typed errors. */
export class ChatStore extends Repository {
  private readonly changes = new Emitter<ConversationChange>();
  /** Changes made inside `transaction`, announced once it commits (and dropped if it rolls back). */
  private pending: ConversationChange[] | null = null;

  /** Changes to chat-list conversations (Compare panes are not in the list, so not here either). */
  readonly onDidChange = this.changes.event;

  /** A message left 'streaming' by a process that died is an interrupted answer. */
  recoverInterrupted(): number {
    return this.write(
      () => this.sql("UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'").run(Date.now()).changes,
    );
  }

  /**
   * One page of the chat list, in the order of the `conversations_by_activity` index: pinned
   * first, then the latest activity, the id breaking ties. The cursor is the last row of the page
   * before, so conversations created or moved meanwhile never shift a later page.
   */
  listPage(cursor: ConversationCursor | null, limit: number): ConversationPage {
    const rows = (
      cursor
        ? this.sql(
            `SELECT * FROM conversations WHERE kind = 'chat' AND (pinned, updated_at, id) < (?, ?, ?)
               ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?`,
          ).all(cursor.pinned ? 1 : 0, cursor.updatedAt, cursor.id, limit + 1)
        : this.sql(`SELECT * FROM conversations WHERE kind = 'chat' ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?`).all(limit + 1)
    ) as ConversationRow[];
    const conversations = rows.slice(0, limit).map(toConversation);
    const last = conversations.at(-1);
    return {
      conversations,
      nextCursor: rows.length > limit && last ? { pinned: last.pinned, updatedAt: last.updatedAt, id: last.id } : null,
    };
  }

  conversation(id: string): Conversation | null {
    const row = this.sql('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    return row ? toConversation(row) : null;
  }

  /** `silent`: for bulk writes that announce one `reset` afterwards instead. */
  insertConversation(
    c: Omit<Conversation, 'id' | 'createdAt' | 'updatedAt'> & Partial<Pick<Conversation, 'id' | 'createdAt' | 'updatedAt'>>,
    options: { silent?: boolean } = {},
  ): Conversation {
    const now = Date.now();
    const conversation: Conversation = { ...c, id: c.id ?? randomUUID(), createdAt: c.createdAt ?? now, updatedAt: c.updatedAt ?? now };
    this.write(() =>
      this.sql(
        `INSERT INTO conversations (id, kind, title, created_at, updated_at, pinned, model_ref, system_prompt, sampling, leaf_id)
           VALUES (@id, @kind, @title, @createdAt, @updatedAt, @pinned, @modelRef, @systemPrompt, @sampling, @leafId)`,
      ).run(conversationParams(conversation)),
    );
    if (!options.silent) this.announce(conversation);
    return conversation;
  }

  /** Chat conversations in the order they were written, after `afterRowid`: a whole-history walk. */
  chatConversationsAfter(afterRowid: number, limit: number): Array<{ rowid: number; conversation: Conversation }> {
    const rows = this.sql("SELECT rowid AS row_number, * FROM conversations WHERE kind = 'chat' AND rowid > ? ORDER BY rowid LIMIT ?").all(
      afterRowid,
      limit,
    ) as Array<ConversationRow & { row_number: number }>;
    return rows.map((r) => ({ rowid: r.row_number, conversation: toConversation(r) }));
  }

  count(): { chatConversations: number; conversations: number; messages: number } {
    return {
      chatConversations: this.pluck("SELECT count(*) FROM conversations WHERE kind = 'chat'").get() as number,
      conversations: this.pluck('SELECT count(*) FROM conversations').get() as number,
      messages: this.pluck('SELECT count(*) FROM messages').get() as number,
    };
  }

  /** Which of these message ids exist already (anywhere). */
  existingMessageIds(ids: string[]): string[] {
    return this.pluck('SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as string[];
  }

  updateConversation(id: string, patch: Partial<Omit<Conversation, 'id' | 'kind' | 'createdAt'>>): void {
    const current = this.conversation(id);
    if (!current) return;
    // Never backwards: a list page's cursor relies on activity only moving a conversation up.
    const next = { ...current, ...patch, updatedAt: Math.max(Date.now(), current.updatedAt) };
    this.write(() =>
      this.sql(
        `UPDATE conversations SET title = @title, updated_at = @updatedAt, pinned = @pinned, model_ref = @modelRef,
           system_prompt = @systemPrompt, sampling = @sampling, leaf_id = @leafId WHERE id = @id`,
      ).run(conversationParams(next)),
    );
    this.announce(next);
  }

  deleteConversation(id: string): void {
    const current = this.conversation(id);
    this.write(() => this.sql('DELETE FROM conversations WHERE id = ?').run(id));
    if (current?.kind === 'chat') this.emit({ type: 'removed', id });
  }

  /** Tells list subscribers to start again from the first page (after many changes at once). */
  announceReset(): void {
    this.emit({ type: 'reset' });
  }

  private announce(conversation: Conversation): void {
    if (conversation.kind === 'chat') this.emit({ type: 'changed', conversation });
  }

  private emit(change: ConversationChange): void {
    if (this.pending) this.pending.push(change);
    else this.changes.fire(change);
  }

  messages(conversationId: string): Message[] {
    const rows = this.sql('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').all(
      conversationId,
    ) as MessageRow[];
    return rows.map(toMessage);
  }

  /**
   * Up to `limit` messages of a branch, ending at `lastId` and walking up through the parents;
   * oldest first. Each step is one primary-key lookup, so the cost does not grow with the tree.
   */
  branchEndingAt(lastId: string, limit = MAX_DEPTH): Message[] {
    const rows = this.sql(
      `WITH RECURSIVE branch(id, depth) AS (
           SELECT ?, 1
           UNION ALL
           SELECT m.parent_id, branch.depth + 1 FROM branch JOIN messages m ON m.id = branch.id
           WHERE m.parent_id IS NOT NULL AND branch.depth < ?
         )
         SELECT m.* FROM branch JOIN messages m ON m.id = branch.id ORDER BY branch.depth DESC`,
    ).all(lastId, Math.min(limit, MAX_DEPTH)) as MessageRow[];
    return rows.map(toMessage);
  }

  /** Every message that shares a parent with one of `messages` (themselves included). */
  siblingsOf(conversationId: string, messages: Pick<Message, 'parentId'>[]): Message[] {
    const parents = [...new Set(messages.map((m) => m.parentId).filter((p): p is string => p !== null))];
    const rows = this.sql('SELECT * FROM messages WHERE parent_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid').all(
      JSON.stringify(parents),
    ) as MessageRow[];
    if (messages.some((m) => m.parentId === null)) {
      rows.push(
        ...(this.sql('SELECT * FROM messages WHERE conversation_id = ? AND parent_id IS NULL ORDER BY created_at, rowid').all(
          conversationId,
        ) as MessageRow[]),
      );
    }
    return rows.map(toMessage);
  }

  /** Following the newest child at each step from `id`: the branch a user last worked on under it. */
  newestLeafUnder(id: string): string {
    const child = this.pluck('SELECT id FROM messages WHERE parent_id = ? ORDER BY created_at DESC, rowid LIMIT 1');
    const seen = new Set<string>();
    let current = id;
    for (;;) {
      seen.add(current);
      const next = child.get(current) as string | undefined;
      if (!next || seen.has(next)) return current;
      current = next;
    }
  }

  /** The conversation's most recently written message, if any. */
  lastMessageId(conversationId: string): string | null {
    return (
      (this.pluck('SELECT id FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(conversationId) as
        string | undefined) ?? null
    );
  }

  message(id: string): Message | null {
    const row = this.sql('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  insertMessage(m: NewMessage): Message {
    const now = Date.now();
    const message: Message = {
      id: m.id ?? randomUUID(),
      conversationId: m.conversationId,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      reasoning: m.reasoning ?? '',
      status: m.status,
      error: m.error ?? null,
      stats: m.stats ?? null,
      createdAt: m.createdAt ?? now,
      updatedAt: now,
    };
    this.write(() =>
      this.sql(
        `INSERT INTO messages (id, conversation_id, parent_id, role, content, reasoning, status, error, stats, created_at, updated_at)
           VALUES (@id, @conversationId, @parentId, @role, @content, @reasoning, @status, @error, @stats, @createdAt, @updatedAt)`,
      ).run({
        ...message,
        error: writeJson(message.error),
        stats: writeJson(message.stats),
      }),
    );
    return message;
  }

  /** Saves streamed text so far; called in small batches while an answer streams. */
  saveProgress(id: string, content: string, reasoning: string): void {
    this.write(() =>
      this.sql('UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ?').run(content, reasoning, Date.now(), id),
    );
  }

  finishMessage(
    id: string,
    fields: { content: string; reasoning: string; status: MessageStatus; stats: GenerationStats | null; error: Message['error'] },
  ): void {
    this.write(() =>
      this.sql('UPDATE messages SET content = ?, reasoning = ?, status = ?, stats = ?, error = ?, updated_at = ? WHERE id = ?').run(
        fields.content,
        fields.reasoning,
        fields.status,
        writeJson(fields.stats),
        writeJson(fields.error),
        Date.now(),
        id,
      ),
    );
  }

  setStatus(id: string, status: MessageStatus): void {
    this.write(() => this.sql('UPDATE messages SET status = ?, updated_at = ? WHERE id = ?').run(status, Date.now(), id));
  }

  deleteMessage(id: string): void {
    this.write(() => this.sql('DELETE FROM messages WHERE id = ?').run(id));
  }

  /** Runs `fn` in one transaction; list changes made in it are announced only once it commits. */
  transaction<T>(fn: () => T): T {
    if (this.pending) return this.write(fn);
    this.pending = [];
    let changes: ConversationChange[] = [];
    try {
      const result = this.write(fn);
      changes = this.pending;
      return result;
    } finally {
      this.pending = null;
      for (const change of changes) this.changes.fire(change);
    }
  }
}

function conversationParams(c: Conversation) {
  const { model, ...rest } = c;
  return { ...rest, pinned: c.pinned ? 1 : 0, modelRef: writeJson(model), sampling: JSON.stringify(c.sampling) };
}

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    pinned: r.pinned === 1,
    model: readJson(ModelRefSchema, r.model_ref),
    systemPrompt: r.system_prompt,
    sampling: readJson(SamplingSchema, r.sampling) ?? SamplingSchema.parse({}),
    leafId: r.leaf_id,
  };
}

function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    parentId: r.parent_id,
    role: r.role,
    content: r.content,
    reasoning: r.reasoning,
    status: r.status,
    error: readJson(StoredErrorSchema, r.error),
    stats: readJson(GenerationStatsSchema, r.stats),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
