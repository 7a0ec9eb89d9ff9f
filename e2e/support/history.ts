import { join } from 'node:path';
import { ChatStore } from '../../src/main/services/chat/chatStore';
import { openDatabase } from '../../src/main/storage/database';
import { SamplingSchema } from '../../src/shared/contract';
import { fillHistory } from '../../scripts/bench/history/fill';

export interface SeededHistory {
  /** Chat conversations in the list (Compare panes left out). */
  listed: number;
  /** The oldest conversation's title: the last row of the list. */
  oldestTitle: string;
  longId: string;
  longCount: number;
}

/**
 * Writes a history into a data folder before the host starts, through the real schema and the
 * real store: seeded filler conversations (years old), one long conversation, and a few recent
 * ones with known text for the search tests.
 */
export function seedHistory(dataDir: string, options: { conversations: number; longCount: number }): SeededHistory {
  const { db } = openDatabase({ file: join(dataDir, 'caliper.db'), backupsDir: join(dataDir, 'backups') });
  try {
    const start = Date.UTC(2023, 0, 1);
    fillHistory(db, { conversations: options.conversations, messagesPerConversation: 4, start, spacingMs: 3_600_000, seed: 11, compareEvery: 10 });
    const store = new ChatStore(db);
    const sampling = SamplingSchema.parse({});
    const conversation = (title: string, at: number) =>
      store.insertConversation({ kind: 'chat', title, pinned: false, model: null, systemPrompt: '', sampling, leafId: null, createdAt: at, updatedAt: at });

    const at = Date.UTC(2024, 5, 1);
    const long = conversation('A very long conversation', at);
    let parent: string | null = null;
    store.transaction(() => {
      for (let i = 0; i < options.longCount; i++) {
        const text = i === 3 ? 'Message 3 mentions the heliotrope only once, far up.' : `Long conversation message ${i}.`;
        parent = store.insertMessage({ conversationId: long.id, parentId: parent, role: i % 2 ? 'assistant' : 'user', content: text, status: 'complete', createdAt: at + i * 1000 }).id;
      }
      store.updateConversation(long.id, { leafId: parent });
    });

    const texts: Array<[string, string]> = [
      ['Ranking: once', 'We spoke of the sextant briefly, among many other instruments and their long and winding histories.'],
      ['Ranking: thrice', 'Sextant, sextant, and the sextant again.'],
      ['Ranking: hostile', 'A sextant <img src=x onerror="document.title=\'pwned\'"> <b>bold</b> in stored text.'],
      ['中文', '我们讨论了珐琅器的历史。'],
    ];
    for (const [i, [title, content]] of texts.entries()) {
      const c = conversation(title, Date.UTC(2025, 0, 1 + i));
      const m = store.insertMessage({ conversationId: c.id, parentId: null, role: 'user', content, status: 'complete' });
      store.updateConversation(c.id, { leafId: m.id });
    }
    const listed = db.prepare("SELECT count(*) FROM conversations WHERE kind = 'chat'").pluck().get() as number;
    const oldestTitle = db.prepare("SELECT title FROM conversations WHERE kind = 'chat' ORDER BY updated_at, id LIMIT 1").pluck().get() as string;
    return { listed, oldestTitle, longId: long.id, longCount: options.longCount };
  } finally {
    db.close();
  }
}
