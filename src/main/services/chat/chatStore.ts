import { randomUUID } from 'node:crypto';
import {
  SamplingSchema,
  type Conversation,
  type GenerationStats,
  type Message,
  type MessageStatus,
  type SearchHit,
} from '../../../shared/contract';
import type { Db } from '../../storage/database';
import { guardedWrite } from '../../storage/storageError';
import { storedStats } from '../../storage/storedStats';

interface ConversationRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  pinned: number;
  model_path: string | null;
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

/** SQL for conversations and messages; every write maps SQLite failures to typed errors. */
export class ChatStore {
  constructor(private readonly db: Db) {}

  /** A message left 'streaming' by a process that died is an interrupted answer. */
  recoverInterrupted(): number {
    return this.db
      .prepare("UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'")
      .run(Date.now()).changes;
  }

  listConversations(): Conversation[] {
    const rows = this.db
      // Compare panes are conversations too, but they belong to their comparison, not the list.
      .prepare(
        'SELECT * FROM conversations WHERE id NOT IN (SELECT conversation_id FROM comparison_panes) ORDER BY pinned DESC, updated_at DESC',
      )
      .all() as ConversationRow[];
    return rows.map(toConversation);
  }

  conversation(id: string): Conversation | null {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    return row ? toConversation(row) : null;
  }

  insertConversation(c: Omit<Conversation, 'id' | 'createdAt' | 'updatedAt'> & Partial<Pick<Conversation, 'id' | 'createdAt'>>): Conversation {
    const now = Date.now();
    const conversation: Conversation = { ...c, id: c.id ?? randomUUID(), createdAt: c.createdAt ?? now, updatedAt: now };
    guardedWrite(() =>
      this.db
        .prepare(
          `INSERT INTO conversations (id, title, created_at, updated_at, pinned, model_path, system_prompt, sampling, leaf_id)
           VALUES (@id, @title, @createdAt, @updatedAt, @pinned, @modelPath, @systemPrompt, @sampling, @leafId)`,
        )
        .run({ ...conversation, pinned: conversation.pinned ? 1 : 0, sampling: JSON.stringify(conversation.sampling) }),
    );
    return conversation;
  }

  updateConversation(id: string, patch: Partial<Omit<Conversation, 'id' | 'createdAt'>>): void {
    const current = this.conversation(id);
    if (!current) return;
    const next = { ...current, ...patch, updatedAt: Date.now() };
    guardedWrite(() =>
      this.db
        .prepare(
          `UPDATE conversations SET title = @title, updated_at = @updatedAt, pinned = @pinned, model_path = @modelPath,
           system_prompt = @systemPrompt, sampling = @sampling, leaf_id = @leafId WHERE id = @id`,
        )
        .run({ ...next, pinned: next.pinned ? 1 : 0, sampling: JSON.stringify(next.sampling) }),
    );
  }

  deleteConversation(id: string): void {
    guardedWrite(() => this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id));
  }

  messages(conversationId: string): Message[] {
    const rows = this.db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid')
      .all(conversationId) as MessageRow[];
    return rows.map(toMessage);
  }

  message(id: string): Message | null {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
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
    guardedWrite(() =>
      this.db
        .prepare(
          `INSERT INTO messages (id, conversation_id, parent_id, role, content, reasoning, status, error, stats, created_at, updated_at)
           VALUES (@id, @conversationId, @parentId, @role, @content, @reasoning, @status, @error, @stats, @createdAt, @updatedAt)`,
        )
        .run({
          ...message,
          error: message.error ? JSON.stringify(message.error) : null,
          stats: message.stats ? JSON.stringify(message.stats) : null,
        }),
    );
    return message;
  }

  /** Saves streamed text so far; called in small batches while an answer streams. */
  saveProgress(id: string, content: string, reasoning: string): void {
    guardedWrite(() =>
      this.db
        .prepare('UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ?')
        .run(content, reasoning, Date.now(), id),
    );
  }

  finishMessage(
    id: string,
    fields: { content: string; reasoning: string; status: MessageStatus; stats: GenerationStats | null; error: Message['error'] },
  ): void {
    guardedWrite(() =>
      this.db
        .prepare('UPDATE messages SET content = ?, reasoning = ?, status = ?, stats = ?, error = ?, updated_at = ? WHERE id = ?')
        .run(
          fields.content,
          fields.reasoning,
          fields.status,
          fields.stats ? JSON.stringify(fields.stats) : null,
          fields.error ? JSON.stringify(fields.error) : null,
          Date.now(),
          id,
        ),
    );
  }

  setStatus(id: string, status: MessageStatus): void {
    guardedWrite(() => this.db.prepare('UPDATE messages SET status = ?, updated_at = ? WHERE id = ?').run(status, Date.now(), id));
  }

  deleteMessage(id: string): void {
    guardedWrite(() => this.db.prepare('DELETE FROM messages WHERE id = ?').run(id));
  }

  /**
   * Full-text search. FTS5's trigram index needs three characters; shorter queries (two-character
   * Chinese words are common) use LIKE.
   */
  search(query: string, limit = 50): SearchHit[] {
    const useFts = [...query].length >= 3;
    const rows = (
      useFts
        ? this.db
            .prepare(
              `SELECT m.id, m.conversation_id, m.role, m.content, c.title FROM messages_fts f
               JOIN messages m ON m.rowid = f.rowid JOIN conversations c ON c.id = m.conversation_id
               WHERE messages_fts MATCH ? ORDER BY m.created_at DESC LIMIT ?`,
            )
            .all(`"${query.replaceAll('"', '""')}"`, limit)
        : this.db
            .prepare(
              `SELECT m.id, m.conversation_id, m.role, m.content, c.title FROM messages m
               JOIN conversations c ON c.id = m.conversation_id
               WHERE m.content LIKE ? ESCAPE '\\' ORDER BY m.created_at DESC LIMIT ?`,
            )
            .all(`%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, limit)
    ) as Array<{ id: string; conversation_id: string; role: 'user' | 'assistant'; content: string; title: string }>;
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      messageId: r.id,
      title: r.title,
      role: r.role,
      snippet: snippet(r.content, query),
    }));
  }

  transaction<T>(fn: () => T): T {
    return guardedWrite(() => this.db.transaction(fn)());
  }

}

function snippet(content: string, query: string): string {
  const at = content.toLowerCase().indexOf(query.toLowerCase());
  const start = Math.max(0, at - 60);
  const text = content.slice(start, Math.max(at, 0) + query.length + 60).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${text}${start + text.length < content.length ? '…' : ''}`;
}

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    pinned: r.pinned === 1,
    modelPath: r.model_path,
    systemPrompt: r.system_prompt,
    sampling: SamplingSchema.parse(JSON.parse(r.sampling)),
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
    error: r.error ? (JSON.parse(r.error) as Message['error']) : null,
    stats: storedStats(r.stats),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
