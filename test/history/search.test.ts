import { describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import { RANK_WINDOW } from '../../src/main/services/chat/messageSearch';
import type { SearchCursor, SearchHit, SearchInput } from '../../src/shared/contract';
import { seedConversation } from '../support/conversations';
import { rejection } from '../support/rejection';
import { useTestApps } from '../support/testApp';

const start = useTestApps();

const day = (d: number) => Date.UTC(2024, 0, d);
const marked = (hit: SearchHit) => hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));

async function everyHit(app: App, input: SearchInput): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  let cursor: SearchCursor | null = input.cursor ?? null;
  do {
    const page = await app.client.chat.search({ ...input, cursor });
    hits.push(...page.hits);
    cursor = page.nextCursor;
  } while (cursor);
  return hits;
}

describe('search', () => {
  it('ranks the best matches first, newer first among equals, with the terms marked in the snippet', async () => {
    const app = start();
    const filler = 'and then we talked about the weather and other things for a long while '.repeat(6);
    await seedConversation(app.client, {
      title: 'ranking',
      messages: [
        { role: 'user', content: `${filler} the gradient came up once, at the end`, createdAt: day(9) },
        { role: 'assistant', content: 'gradient, gradient and again the Gradient', createdAt: day(1) },
        { role: 'user', content: 'the gradient, older', createdAt: day(2) },
        { role: 'assistant', content: 'the gradient, newer', createdAt: day(3) },
        { role: 'user', content: 'nothing to see here', createdAt: day(4) },
      ],
    });
    const { hits, nextCursor, scope } = await app.client.chat.search({ query: 'gradient' });
    expect(scope).toBe('all');
    expect(nextCursor).toBeNull();
    const label = (h: SearchHit) => (h.snippet.includes('once') ? 'long, once' : h.snippet);
    expect(hits.map(label)).toEqual(['gradient, gradient and again the Gradient', 'the gradient, newer', 'the gradient, older', 'long, once']);
    expect(marked(hits[0]!)).toEqual(['gradient', 'gradient', 'Gradient']);
    // A long message is cut around the match, and the offsets still point at it.
    expect(hits[3]!.snippet.startsWith('…')).toBe(true);
    expect(marked(hits[3]!)).toEqual(['gradient']);
    expect(hits[0]).toMatchObject({ title: 'ranking', role: 'assistant', kind: 'chat', comparisonId: null });
  });

  it('needs every term, in any order', async () => {
    const app = start();
    await seedConversation(app.client, {
      title: 'terms',
      messages: [
        { role: 'user', content: 'the quick brown fox jumps' },
        { role: 'assistant', content: 'a fox, but not quick at all' },
        { role: 'user', content: 'only quick here' },
      ],
    });
    const hits = (await app.client.chat.search({ query: 'fox QUICK' })).hits;
    expect(hits.map((h) => h.snippet).sort()).toEqual(['a fox, but not quick at all', 'the quick brown fox jumps']);
    expect(hits.every((h) => marked(h).map((m) => m.toLowerCase()).sort().join() === 'fox,quick')).toBe(true);
  });

  it('finds one- and two-character Chinese words through their own index, and says when a short query saw only recent messages', async () => {
    const app = start();
    await seedConversation(app.client, {
      title: '中文',
      messages: [
        { role: 'user', content: '我们今天讨论量化模型的速度' },
        { role: 'assistant', content: '模型越小，速度越快。' },
        { role: 'user', content: '天气很好' },
        { role: 'assistant', content: 'The AI answered in English' },
      ],
    });
    const two = await app.client.chat.search({ query: '模型' });
    expect(two.scope).toBe('all');
    expect(two.hits.map((h) => h.snippet).sort()).toEqual(['我们今天讨论量化模型的速度', '模型越小，速度越快。']);
    expect(two.hits.flatMap(marked)).toEqual(['模型', '模型']);
    expect((await app.client.chat.search({ query: '天' })).hits.map((h) => h.snippet).sort()).toEqual(['天气很好', '我们今天讨论量化模型的速度']);
    // A short CJK word and a longer word together: the index serves one, the other is checked.
    expect((await app.client.chat.search({ query: '速度 量化模型' })).hits.map((h) => h.snippet)).toEqual(['我们今天讨论量化模型的速度']);
    // Not in a word: the pair must be adjacent.
    expect((await app.client.chat.search({ query: '型速' })).hits).toEqual([]);

    const latin = await app.client.chat.search({ query: 'AI' });
    expect(latin.scope).toBe('recent');
    expect(latin.hits.map((h) => h.snippet)).toEqual(['The AI answered in English']);
  });

  it('narrows to a conversation, a role, a model, or Compare panes', async () => {
    const app = start();
    const a = await seedConversation(app.client, {
      title: 'a',
      messages: [
        { role: 'user', content: 'kernel question in a' },
        { role: 'assistant', content: 'kernel answer in a by qwen', modelPath: '/m/qwen.gguf' },
      ],
    });
    await seedConversation(app.client, {
      title: 'b',
      messages: [
        { role: 'user', content: 'kernel question in b' },
        { role: 'assistant', content: 'kernel answer in b by llama', modelPath: '/m/llama.gguf' },
      ],
    });
    const pane = app.services.chat.create({ kind: 'compare', title: 'Compare' });
    app.services.db
      .prepare("INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at, updated_at) VALUES ('p1', ?, NULL, 'user', 'kernel in a pane', 'complete', 1, 1)")
      .run(pane.id);

    const contents = async (input: Omit<SearchInput, 'query'>) =>
      (await app.client.chat.search({ query: 'kernel', ...input })).hits.map((h) => h.snippet).sort();
    expect(await contents({})).toHaveLength(5);
    expect(await contents({ conversationId: a.id })).toEqual(['kernel answer in a by qwen', 'kernel question in a']);
    expect(await contents({ role: 'user' })).toEqual(['kernel in a pane', 'kernel question in a', 'kernel question in b']);
    expect(await contents({ model: { kind: 'local', path: '/m/llama.gguf' } })).toEqual(['kernel answer in b by llama']);
    expect(await contents({ source: 'compare' })).toEqual(['kernel in a pane']);
    expect(await contents({ source: 'chat', role: 'assistant', model: { kind: 'local', path: '/m/qwen.gguf' } })).toEqual(['kernel answer in a by qwen']);
    expect(await contents({ conversationId: a.id, role: 'assistant' })).toEqual(['kernel answer in a by qwen']);
    expect((await app.client.chat.search({ query: 'kernel', source: 'compare' })).hits[0]).toMatchObject({ kind: 'compare', conversationId: pane.id });
  });

  it('pages through more matches than one ranking window, each once, and later messages do not shift the pages', async () => {
    const app = start();
    const count = RANK_WINDOW + 350;
    await seedConversation(app.client, {
      title: 'many',
      messages: Array.from({ length: count }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `alpha number ${i}${' alpha'.repeat(i % 3)}` }) as const),
    });
    const first = await app.client.chat.search({ query: 'alpha', limit: 100 });
    // Arrives after the first page: belongs to a later search, not to this one's pages.
    await seedConversation(app.client, { title: 'late', messages: [{ role: 'user', content: 'alpha arriving late' }] });
    const rest = await everyHit(app, { query: 'alpha', limit: 100, cursor: first.nextCursor } as SearchInput);
    const all = [...first.hits, ...rest];
    expect(all).toHaveLength(count);
    expect(new Set(all.map((h) => h.messageId)).size).toBe(count);
    expect(all.some((h) => h.snippet.includes('late'))).toBe(false);
    // Within the first window, best first: the messages with three "alpha" come before those with one.
    const tf = (h: SearchHit) => h.highlights.length;
    expect(first.hits.map(tf)).toEqual([...first.hits.map(tf)].sort((x, y) => y - x));
  });

  it('rejects control characters, bad cursors and unknown conversations with typed errors', async () => {
    const app = start();
    expect((await rejection(app.client.chat.search({ query: 'a\u0000b' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.search({ query: '   ' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.search({ query: 'x', cursor: { bound: -1, offset: 0, floor: null } }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.search({ query: 'x', limit: 1000 }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.search({ query: 'x', conversationId: 'nope' }))).code).toBe('CONVERSATION_NOT_FOUND');
    // FTS syntax in a query is text, not an operator.
    expect((await app.client.chat.search({ query: '"NEAR(a b)" OR * -x' })).hits).toEqual([]);
  });
});
