import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import type { CompactEvent } from '../../src/shared/contract';
import { seedConversation } from '../support/conversations';
import { rejection } from '../support/rejection';
import { useTempDirs } from '../support/tempDir';
import { createTestApp } from '../support/testApp';

const tempDir = useTempDirs();
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});
const start = (freeBytes?: () => Promise<number>) => {
  const dir = tempDir();
  const app = createTestApp(dir, undefined, freeBytes ? { storageOptions: { freeBytes } } : {});
  apps.push(app);
  return app;
};

async function seedMany(app: App, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = await seedConversation(app.client, {
      title: `c${i}`,
      messages: [
        { role: 'user', content: `question ${i} ${'lorem ipsum dolor '.repeat(40)}` },
        { role: 'assistant', content: `answer ${i} 模型 ${'sit amet consectetur '.repeat(60)}` },
      ],
    });
    ids.push(c.id);
  }
  return ids;
}

describe('storage', () => {
  it('reports its size and compacts away what deleted conversations left, step by step', async () => {
    const app = start();
    const ids = await seedMany(app, 120);
    for (const id of ids.slice(0, 100)) await app.client.chat.delete({ id });
    const before = await app.client.storage.info();
    expect(before).toMatchObject({ conversations: 20, messages: 40, compacting: false });
    expect(before.reclaimableBytes).toBeGreaterThan(0);

    const events: CompactEvent[] = [];
    for await (const e of await app.client.storage.compact()) events.push(e);
    expect(events.map((e) => (e.type === 'step' ? e.step : e.type))).toEqual(['index', 'vacuum', 'checkpoint', 'done']);
    const done = events.at(-1) as Extract<CompactEvent, { type: 'done' }>;
    expect(done.afterBytes).toBeLessThan(done.beforeBytes);
    const after = await app.client.storage.info();
    expect(after.reclaimableBytes).toBe(0);
    expect(after.databaseBytes).toBe(done.afterBytes);
    // Still whole and still searchable.
    expect(app.services.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect((await app.client.chat.search({ query: '模型' })).hits).toHaveLength(20);
  });

  it('refuses to compact without room for the copy, or while a history import is open', async () => {
    const tight = start(async () => 1024);
    await seedMany(tight, 2);
    const full = await rejection((async () => {
      for await (const _ of await tight.client.storage.compact());
    })());
    expect(full.code).toBe('NOT_ENOUGH_SPACE');
    expect(full.data).toMatchObject({ availableBytes: 1024 });

    const app = start();
    const header = JSON.stringify({ format: 'caliper.history', version: 1, exportedAt: 1, conversations: 0 });
    const open = await app.client.history.importChunk({ importId: null, text: `${header}\n`, last: false });
    const busy = await rejection((async () => {
      for await (const _ of await app.client.storage.compact());
    })());
    expect(busy.code).toBe('STORAGE_BUSY');
    expect(busy.data).toEqual({ reason: 'IMPORTING' });
    await app.client.history.importCancel({ importId: open.importId });
  });

  it('merges the search indexes only at quiet times, until there is nothing left to merge', async () => {
    const app = start();
    await seedMany(app, 60);
    const storage = app.services.storage;
    // Writes since the last look: not quiet yet.
    expect(storage.maintain()).toBe('busy');
    const steps: string[] = [];
    for (let i = 0; i < 50 && steps.at(-1) !== 'idle'; i++) steps.push(storage.maintain());
    expect(steps).toContain('merged');
    expect(steps.at(-1)).toBe('idle');
    // Nothing left for a merge to do, and the index agrees with the table.
    const db = app.services.db;
    const before = db.prepare('SELECT total_changes()').pluck().get() as number;
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', 64)").run();
    expect((db.prepare('SELECT total_changes()').pluck().get() as number) - before).toBeLessThan(2);
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
    await seedMany(app, 1);
    expect(storage.maintain()).toBe('busy');
  });
});
