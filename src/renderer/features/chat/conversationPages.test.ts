import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/contract';
import { applyChange, compareConversations, emptyPages, mergePage, type ListPages } from './conversationPages';

const c = (id: string, updatedAt: number, pinned = false): Conversation => ({
  id,
  kind: 'chat',
  title: id,
  createdAt: 0,
  updatedAt,
  pinned,
  model: null,
  systemPrompt: '',
  sampling: { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, seed: null, maxTokens: 1024 },
  leafId: null,
});
const ids = (p: ListPages) => p.items.map((x) => x.id);
const cursorOf = (x: Conversation) => ({ pinned: x.pinned, updatedAt: x.updatedAt, id: x.id });

describe('conversation pages', () => {
  const page1 = mergePage(emptyPages, { conversations: [c('p', 5, true), c('e', 90), c('d', 80)], nextCursor: cursorOf(c('d', 80)) }, true);

  it('orders like the server: pinned, then newest activity, then id', () => {
    expect([c('a', 1), c('b', 1), c('z', 2), c('p', 0, true)].sort(compareConversations).map((x) => x.id)).toEqual(['p', 'z', 'b', 'a']);
  });

  it('appends later pages and keeps the newer copy of a conversation seen twice', () => {
    const both = mergePage(page1, { conversations: [c('d', 70), c('c', 60)], nextCursor: null }, false);
    expect(ids(both)).toEqual(['p', 'e', 'd', 'c']);
    expect(both.items.find((x) => x.id === 'd')!.updatedAt).toBe(80);
    expect(both.cursor).toBeNull();
  });

  it('puts a changed or new conversation where it now belongs, if that is inside what is loaded', () => {
    expect(ids(applyChange(page1, { type: 'changed', conversation: c('new', 100) }))).toEqual(['p', 'new', 'e', 'd']);
    // An old one, not loaded yet, that moved up: shown now, and its page will not show it twice.
    const moved = applyChange(page1, { type: 'changed', conversation: c('old', 95) });
    expect(ids(moved)).toEqual(['p', 'old', 'e', 'd']);
    expect(ids(mergePage(moved, { conversations: [c('old', 10), c('b', 9)], nextCursor: null }, false))).toEqual(['p', 'old', 'e', 'd', 'b']);
  });

  it('drops a conversation that moved past the loaded pages: the next page brings it', () => {
    const unpinned = applyChange(page1, { type: 'changed', conversation: c('p', 5) });
    expect(ids(unpinned)).toEqual(['e', 'd']);
    expect(ids(mergePage(unpinned, { conversations: [c('p', 5)], nextCursor: null }, false))).toEqual(['e', 'd', 'p']);
  });

  it('ignores an older copy arriving after a newer one, and removes deleted conversations', () => {
    const touched = applyChange(page1, { type: 'changed', conversation: c('d', 99) });
    expect(ids(applyChange(touched, { type: 'changed', conversation: c('d', 80) }))).toEqual(['p', 'd', 'e']);
    expect(ids(applyChange(page1, { type: 'removed', id: 'e' }))).toEqual(['p', 'd']);
  });

  it('starts over with a first page', () => {
    expect(ids(mergePage(page1, { conversations: [c('x', 1)], nextCursor: null }, true))).toEqual(['x']);
  });
});
