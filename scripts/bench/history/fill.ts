import type { Db } from '../../../src/main/storage/database';
import { corpus, type Corpus } from './corpus';

/**
 * Writes conversations straight into the real schema (the FTS triggers run as they do for the
 * app), in big transactions: a million messages take minutes, not the hours the contract would.
 */
export interface FillOptions {
  conversations: number;
  messagesPerConversation: number;
  /** Conversation i's first message is at `start + i * spacingMs`. */
  start: number;
  spacingMs: number;
  seed: number;
  /** Every n-th conversation is a Compare pane (in a comparison of its own). */
  compareEvery?: number;
  onProgress?: (messages: number) => void;
}

export function fillHistory(db: Db, options: FillOptions): void {
  const text = corpus(options.seed);
  const conversation = db.prepare(
    `INSERT INTO conversations (id, kind, title, created_at, updated_at, pinned, model_ref, system_prompt, sampling, leaf_id)
     VALUES (?, ?, ?, ?, ?, 0, ?, '', '{}', ?)`,
  );
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, content, reasoning, status, error, stats, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '', 'complete', NULL, ?, ?, ?)`,
  );
  const comparison = db.prepare(
    `INSERT INTO comparisons (id, title, created_at, updated_at, options, revealed) VALUES (?, '', ?, ?, '{}', 1)`,
  );
  const paneRow = db.prepare(`INSERT INTO comparison_panes (comparison_id, position, conversation_id, load) VALUES (?, 0, ?, '{}')`);
  const batch = Math.max(1, Math.floor(20_000 / options.messagesPerConversation));
  for (let first = 0; first < options.conversations; first += batch) {
    db.transaction(() => {
      // The conversation row is written after its messages (its title and leaf come from them).
      db.pragma('defer_foreign_keys = ON');
      for (let i = first; i < Math.min(options.conversations, first + batch); i++) {
        const at = options.start + i * options.spacingMs;
        const id = idFrom(text);
        const modelPath = MODELS[Math.floor(text.random() * MODELS.length)]!;
        const messages = writeChain(message, text, id, at, options.messagesPerConversation, modelPath);
        const title = messages.firstText.slice(0, 60);
        const pane = options.compareEvery !== undefined && i % options.compareEvery === options.compareEvery - 1;
        conversation.run(id, pane ? 'compare' : 'chat', title, at, messages.lastAt, refJson(modelPath), messages.leafId);
        if (pane) {
          const comparisonId = idFrom(text);
          comparison.run(comparisonId, at, at);
          paneRow.run(comparisonId, id);
        }
      }
    })();
    options.onProgress?.(Math.min(options.conversations, first + batch) * options.messagesPerConversation);
  }
}

/** One long conversation (a linear chain), written like `fillHistory`'s; returns its id. */
export function fillLongConversation(db: Db, options: { messages: number; at: number; seed: number }): string {
  const text = corpus(options.seed);
  const id = idFrom(text);
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, content, reasoning, status, error, stats, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '', 'complete', NULL, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO conversations (id, title, created_at, updated_at, pinned, model_ref, system_prompt, sampling, leaf_id)
       VALUES (?, 'A very long conversation', ?, ?, 0, ?, '', '{}', NULL)`,
    ).run(id, options.at, options.at, refJson(MODELS[0]!));
    const chain = writeChain(message, text, id, options.at, options.messages, MODELS[0]!);
    db.prepare('UPDATE conversations SET leaf_id = ?, updated_at = ? WHERE id = ?').run(chain.leafId, chain.lastAt, id);
  })();
  return id;
}

const refJson = (path: string) => JSON.stringify({ kind: 'local', path });

const MODELS = ['/models/qwen2.5-7b-instruct-q4_k_m.gguf', '/models/llama-3.1-8b-instruct-q8_0.gguf', '/models/glm-4-9b-chat-q4_0.gguf'];

function writeChain(
  statement: ReturnType<Db['prepare']> & { run(...params: unknown[]): unknown },
  text: Corpus,
  conversationId: string,
  at: number,
  count: number,
  modelPath: string,
): { leafId: string; lastAt: number; firstText: string } {
  let parent: string | null = null;
  let firstText = '';
  let created = at;
  for (let m = 0; m < count; m++) {
    const id = idFrom(text);
    const role = m % 2 === 0 ? 'user' : 'assistant';
    const content = text.message(role);
    if (m === 0) firstText = content;
    const stats = role === 'assistant' ? JSON.stringify({ ...STATS, model: { kind: 'local', path: modelPath } }) : null;
    statement.run(id, conversationId, parent, role, content, stats, created, created);
    parent = id;
    created += 1 + Math.floor(text.random() * 30_000);
  }
  return { leafId: parent!, lastAt: created, firstText };
}

const STATS = {
  ttftMs: 120,
  promptTokens: 40,
  promptTokensPerSecond: 300,
  generatedTokens: 80,
  generationTokensPerSecond: 25,
  durationMs: 3300,
  stopReason: 'eos',
  quantization: 'Q4_K_M',
  gpuLayers: 0,
  contextSize: 4096,
  threads: 2,
  remote: null,
};

/** A UUID-shaped id from the seeded stream, so two fills with one seed are the same database. */
function idFrom(text: Corpus): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += Math.floor(text.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
