import { randomUUID } from 'node:crypto';
import type { HistoryImportReport } from '../../../shared/contract';
import { appError } from '../../base/appError';
import type { ChatStore } from '../chat/chatStore';
import { parentsFirst } from '../chat/exportImport';
import { HistoryHeaderSchema, HistoryLineSchema, type HistoryLine } from './historyFormat';

/** A conversation line longer than this is refused rather than held (a million-message tree fits). */
export const MAX_LINE_CHARS = 256 * 1024 * 1024;
/** An import nobody sent a piece to for this long is dropped. */
const IDLE_MS = 10 * 60_000;
/** The chat list is told to reload at most this often while a long import writes. */
const RESET_EVERY_MS = 2000;

interface Session {
  /** The unfinished last line of the text so far. */
  rest: string;
  line: number;
  headerSeen: boolean;
  report: HistoryImportReport;
  touched: number;
}

type Store = Pick<
  ChatStore,
  'transaction' | 'conversation' | 'insertConversation' | 'insertMessage' | 'existingMessageIds' | 'announceReset'
>;

/**
 * Imports `caliper.history` files a piece at a time: complete lines are written as they arrive
 * (a transaction per piece), the unfinished last line waits for the next piece. Ids are kept, so
 * a conversation that is already here (by id) is counted as a duplicate and left alone: importing
 * the same file twice adds nothing the second time.
 */
export class HistoryImports {
  private readonly sessions = new Map<string, Session>();
  private lastReset = 0;

  constructor(
    private readonly store: Store,
    private readonly now = Date.now,
  ) {}

  get active(): boolean {
    this.dropIdle();
    return this.sessions.size > 0;
  }

  chunk(input: { importId: string | null; text: string; last: boolean }): { importId: string; report: HistoryImportReport; finished: boolean } {
    this.dropIdle();
    const importId = input.importId ?? randomUUID();
    let session = this.sessions.get(importId);
    if (!session) {
      if (input.importId !== null) throw appError('IMPORT_NOT_FOUND', { importId });
      session = { rest: '', line: 0, headerSeen: false, report: { conversations: 0, messages: 0, duplicates: 0 }, touched: this.now() };
      this.sessions.set(importId, session);
    }
    session.touched = this.now();
    const text = session.rest + input.text;
    const lines = text.split('\n');
    session.rest = input.last ? '' : lines.pop()!;
    if (session.rest.length > MAX_LINE_CHARS) this.fail(importId, session.line + 1, 'line too long');
    try {
      this.store.transaction(() => {
        for (const raw of lines) {
          session.line++;
          if (raw.trim()) this.take(importId, session, raw);
        }
      });
    } catch (error) {
      this.sessions.delete(importId);
      throw error;
    }
    if (input.last) {
      this.sessions.delete(importId);
      if (!session.headerSeen) this.fail(importId, 1, 'not a Caliper history file');
    }
    if (session.report.conversations > 0 && (input.last || this.now() - this.lastReset >= RESET_EVERY_MS)) {
      this.lastReset = this.now();
      this.store.announceReset();
    }
    return { importId, report: { ...session.report }, finished: input.last };
  }

  cancel(importId: string): void {
    this.sessions.delete(importId);
  }

  private take(importId: string, session: Session, raw: string): void {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      this.fail(importId, session.line, (error as Error).message.slice(0, 200));
    }
    if (!session.headerSeen) {
      if (!HistoryHeaderSchema.safeParse(value).success) this.fail(importId, session.line, 'not a Caliper history file');
      session.headerSeen = true;
      return;
    }
    const parsed = HistoryLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.fail(importId, session.line, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    this.write(importId, session, parsed.data);
  }

  private write(importId: string, session: Session, { conversation, messages }: HistoryLine): void {
    const ids = new Set(messages.map((m) => m.id));
    if (ids.size !== messages.length) this.fail(importId, session.line, 'duplicate message ids');
    if (messages.some((m) => m.parentId !== null && !ids.has(m.parentId)) || (conversation.leafId !== null && !ids.has(conversation.leafId))) {
      this.fail(importId, session.line, 'a parent or the leaf is not in the conversation');
    }
    let ordered: typeof messages;
    try {
      ordered = parentsFirst(messages);
    } catch {
      this.fail(importId, session.line, 'parent cycle');
    }
    // Already imported (or its messages are): the copy here wins, whatever the file says now.
    if (this.store.conversation(conversation.id) || this.store.existingMessageIds([...ids]).length > 0) {
      session.report.duplicates++;
      return;
    }
    this.store.insertConversation({ ...conversation, kind: 'chat' }, { silent: true });
    for (const m of ordered) {
      this.store.insertMessage({
        ...m,
        conversationId: conversation.id,
        // Nothing is streaming into an imported conversation.
        status: m.status === 'streaming' ? 'interrupted' : m.status,
      });
    }
    session.report.conversations++;
    session.report.messages += messages.length;
  }

  private fail(importId: string, line: number, message: string): never {
    this.sessions.delete(importId);
    throw appError('IMPORT_INVALID', { issues: [{ path: `line ${line}`, message }] });
  }

  private dropIdle(): void {
    for (const [id, s] of this.sessions) if (this.now() - s.touched > IDLE_MS) this.sessions.delete(id);
  }
}
