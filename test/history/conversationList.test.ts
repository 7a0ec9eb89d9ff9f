import { describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import type { Conversation, ConversationChange, ConversationCursor } from '../../src/shared/contract';
import { collectEvents } from '../support/conversations';
import { rejection } from '../support/rejection';
import { useTestApps } from '../support/testApp';

const start = useTestApps();

const newChat = (app: App, title: string) => app.client.chat.create({ title });

async function allPages(app: App, limit: number, between?: (page: number) => Promise<void>): Promise<Conversation[][]> {
  const pages: Conversation[][] = [];
  let cursor: ConversationCursor | null = null;
  do {
    const page = await app.client.chat.list({ cursor, limit });
    pages.push(page.conversations);
    cursor = page.nextCursor;
    await between?.(pages.length);
  } while (cursor);
  return pages;
}

const order = (list: Conversation[]) =>
  [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));

describe('conversation list', () => {
  it('pages pinned conversations first, then by last activity, and leaves Compare panes out', async () => {
    const app = start();
    const made: Conversation[] = [];
    for (let i = 0; i < 23; i++) made.push(await newChat(app, `chat ${i}`));
    await app.client.chat.update({ id: made[3]!.id, pinned: true });
    await app.client.chat.update({ id: made[17]!.id, pinned: true });
    // Activity moves a conversation up: here a rename, as a new message would.
    await app.client.chat.update({ id: made[0]!.id, title: 'touched' });
    const pane = app.services.chat.create({ kind: 'compare', title: 'Compare' });

    const pages = await allPages(app, 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    const listed = pages.flat();
    expect(listed.map((c) => c.id)).not.toContain(pane.id);
    const stored = await Promise.all(made.map(async (c) => (await app.client.chat.get({ id: c.id })).conversation));
    expect(listed.map((c) => c.id)).toEqual(order(stored).map((c) => c.id));
    expect(listed.slice(0, 2).every((c) => c.pinned)).toBe(true);
    expect(listed[2]!.title).toBe('touched');
  });

  it('skips and repeats nothing while conversations arrive and move between pages, and announces them', async () => {
    const app = start();
    const before: Conversation[] = [];
    for (let i = 0; i < 40; i++) before.push(await newChat(app, `old ${i}`));
    const controller = new AbortController();
    const events = collectEvents<ConversationChange>(await app.client.chat.onDidChange(undefined, { signal: controller.signal }));

    const arrived: string[] = [];
    const moved: string[] = [];
    const pages = await allPages(app, 6, async (page) => {
      // New chats land above the cursor; an old one not listed yet moves above it too.
      arrived.push((await newChat(app, `new after page ${page}`)).id);
      const notYetListed = before[page - 1]!;
      await app.client.chat.update({ id: notYetListed.id, title: `moved ${page}` });
      moved.push(notYetListed.id);
    });
    const changes: ConversationChange[] = [];
    const announced = new Set<string>();
    await expect
      .poll(() => {
        for (const c of events.take()) {
          changes.push(c);
          if (c.type === 'changed') announced.add(c.conversation.id);
        }
        return [...arrived, ...moved].every((id) => announced.has(id));
      })
      .toBe(true);
    controller.abort();
    events.stop();

    const listed = pages.flat().map((c) => c.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((id) => arrived.includes(id))).toEqual([]);
    expect(changes[0]).toEqual({ type: 'reset' });
    // Every old conversation is in a page or was announced as changed: nothing is lost.
    for (const c of before) expect(listed.includes(c.id) || announced.has(c.id)).toBe(true);
  });

  it('announces created, changed and removed chats, but not Compare panes', async () => {
    const app = start();
    const controller = new AbortController();
    const events = collectEvents<ConversationChange>(await app.client.chat.onDidChange(undefined, { signal: controller.signal }));
    const c = await newChat(app, 'first');
    await app.client.chat.update({ id: c.id, pinned: true });
    const pane = app.services.chat.create({ kind: 'compare', title: 'pane' });
    app.services.chat.update(pane.id, { title: 'pane renamed' });
    await app.client.chat.delete({ id: c.id });
    const seen: ConversationChange[] = [];
    await expect.poll(() => seen.push(...events.take()) && seen.length).toBe(4);
    controller.abort();
    events.stop();
    expect(seen.map((e) => (e.type === 'changed' ? `changed ${e.conversation.title} ${e.conversation.pinned}` : e.type))).toEqual([
      'reset',
      'changed first false',
      'changed first true',
      'removed',
    ]);
  });

  it('rejects a malformed cursor or limit as invalid input', async () => {
    const app = start();
    expect((await rejection(app.client.chat.list({ cursor: { pinned: true, updatedAt: 1.5, id: 'x' }, limit: 5 }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.list({ cursor: null, limit: 0 }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.list({ cursor: null, limit: 1000 }))).code).toBe('INVALID_INPUT');
  });
});
