import { describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import type { Conversation, ConversationCursor, HistoryExportEvent } from '../../src/shared/contract';
import { seedConversation } from '../support/conversations';
import { rejection } from '../support/rejection';
import { useTestApps } from '../support/testApp';

const start = useTestApps();

async function exportAll(app: App): Promise<{ chunks: Extract<HistoryExportEvent, { type: 'chunk' }>[]; end: HistoryExportEvent }> {
  const chunks: Extract<HistoryExportEvent, { type: 'chunk' }>[] = [];
  let end: HistoryExportEvent | null = null;
  for await (const e of await app.client.history.export()) {
    if (e.type === 'chunk') chunks.push(e);
    else end = e;
  }
  return { chunks, end: end! };
}

/** Sends `text` in pieces of `size` characters, as the renderer sends a file. */
async function importText(app: App, text: string, size: number) {
  let importId: string | null = null;
  let last = null;
  for (let at = 0; at < text.length || importId === null; at += size) {
    const piece = text.slice(at, at + size);
    last = await app.client.history.importChunk({ importId, text: piece, last: at + size >= text.length });
    importId = last.importId;
  }
  return last!;
}

async function listAll(app: App): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let cursor: ConversationCursor | null = null;
  do {
    const page = await app.client.chat.list({ cursor, limit: 100 });
    all.push(...page.conversations);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const snapshot = async (app: App) =>
  Promise.all(
    (await listAll(app)).map(async (c) => {
      const { conversation, messages } = await app.client.chat.get({ id: c.id });
      const { updatedAt: _, ...rest } = conversation;
      return { conversation: rest, messages: messages.map(({ updatedAt: __, ...m }) => m) };
    }),
  );

describe('whole-history export and import', () => {
  it('streams every chat conversation out and brings them back the same, ids, trees and all', async () => {
    const source = start();
    const big = 'long answer text with 中文 and emoji 😀 '.repeat(9000);
    await seedConversation(source.client, { title: 'big', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: big, modelPath: '/m/a.gguf' }] });
    const branched = await seedConversation(source.client, {
      title: '分支',
      messages: [
        { id: 'q', role: 'user', content: '你好' },
        { id: 'a1', role: 'assistant', content: 'first answer' },
        { id: 'a2', role: 'assistant', content: 'second answer', parent: 'q' },
      ],
      leaf: 'a1',
    });
    await source.client.chat.update({ id: branched.id, pinned: true });
    for (let i = 0; i < 30; i++) await seedConversation(source.client, { title: `chat ${i}`, messages: [{ role: 'user', content: `hello ${i}` }] });
    await source.client.chat.create({ title: 'empty' });
    source.services.chat.create({ kind: 'compare', title: 'Compare pane' });

    const { chunks, end } = await exportAll(source);
    expect(end).toEqual({ type: 'end', conversations: 33, messages: 35 });
    // Streamed: the big conversation alone is over the chunk size, so there are several pieces.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)!.done).toBe(33);
    const file = chunks.map((c) => c.text).join('');
    expect(file.split('\n').filter(Boolean)).toHaveLength(34);
    expect(file).not.toContain('Compare pane');

    const target = start();
    // Odd piece sizes split lines, multi-byte characters and surrogate pairs across calls.
    const first = await importText(target, file, 4099);
    expect(first).toMatchObject({ finished: true, report: { conversations: 33, messages: 35, duplicates: 0 } });
    expect(await snapshot(target)).toEqual(await snapshot(source));

    const again = await importText(target, file, 65_536);
    expect(again.report).toEqual({ conversations: 0, messages: 0, duplicates: 33 });
    expect((await listAll(target)).length).toBe(33);
  });

  it('names the line that is broken, and forgets an import that was cancelled', async () => {
    const app = start();
    const header = JSON.stringify({ format: 'caliper.history', version: 1, exportedAt: 1, conversations: 1 });
    const broken = await rejection(importText(app, `${header}\n{"conversation": 1}\n`, 1000));
    expect(broken.code).toBe('IMPORT_INVALID');
    expect((broken.data as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('line 2');
    expect((await rejection(importText(app, '{"format":"caliper.conversation"}\n', 1000))).code).toBe('IMPORT_INVALID');

    const started = await app.client.history.importChunk({ importId: null, text: `${header}\n`, last: false });
    await app.client.history.importCancel({ importId: started.importId });
    expect((await rejection(app.client.history.importChunk({ importId: started.importId, text: '', last: true }))).code).toBe('IMPORT_NOT_FOUND');
    expect((await rejection(app.client.history.importChunk({ importId: null, text: 'x'.repeat(4 * 1024 * 1024 + 1), last: true }))).code).toBe(
      'INVALID_INPUT',
    );
  });
});
