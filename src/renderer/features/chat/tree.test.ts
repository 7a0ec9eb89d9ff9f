import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/contract';
import { branchPosition, newestLeafUnder, pathToLeaf, siblingsOf, type MessageMap } from './tree';

let clock = 0;
function msg(id: string, parentId: string | null, role: Message['role'] = 'user'): Message {
  clock += 10;
  return {
    id,
    conversationId: 'c',
    parentId,
    role,
    content: id,
    reasoning: '',
    status: 'complete',
    error: null,
    stats: null,
    createdAt: clock,
    updatedAt: clock,
  };
}

/**
 * u1 ─ a1
 *    ├ a2 ─ u2 ─ a3
 *    └ a4
 * u1b (a second root: the first message edited)
 */
function tree(): MessageMap {
  const list = [
    msg('u1', null),
    msg('a1', 'u1', 'assistant'),
    msg('a2', 'u1', 'assistant'),
    msg('u2', 'a2'),
    msg('a3', 'u2', 'assistant'),
    msg('a4', 'u1', 'assistant'),
    msg('u1b', null),
  ];
  return Object.fromEntries(list.map((m) => [m.id, m]));
}

describe('conversation tree', () => {
  it('walks from the leaf up to the root and returns root first', () => {
    const t = tree();
    expect(pathToLeaf(t, 'a3')).toEqual(['u1', 'a2', 'u2', 'a3']);
    expect(pathToLeaf(t, 'a4')).toEqual(['u1', 'a4']);
    expect(pathToLeaf(t, 'u1b')).toEqual(['u1b']);
    expect(pathToLeaf(t, null)).toEqual([]);
    expect(pathToLeaf(t, 'missing')).toEqual([]);
  });

  it('stops at a missing parent and never loops on a cycle', () => {
    const t = { ...tree() };
    t.x = { ...msg('x', 'gone') };
    expect(pathToLeaf(t, 'x')).toEqual(['x']);
    const cyclic: MessageMap = { p: { ...msg('p', 'q') }, q: { ...msg('q', 'p') } };
    expect(pathToLeaf(cyclic, 'p')).toEqual(['q', 'p']);
  });

  it('finds siblings by parent, oldest first, roots included', () => {
    const t = tree();
    expect(siblingsOf(t, t.a2!).map((m) => m.id)).toEqual(['a1', 'a2', 'a4']);
    expect(siblingsOf(t, t.u1!).map((m) => m.id)).toEqual(['u1', 'u1b']);
    expect(siblingsOf(t, t.u2!).map((m) => m.id)).toEqual(['u2']);
  });

  it('says where a message stands among its siblings', () => {
    const t = tree();
    expect(branchPosition(t, t.a2!)).toEqual({ index: 2, count: 3, previousId: 'a1', nextId: 'a4' });
    expect(branchPosition(t, t.a1!)).toEqual({ index: 1, count: 3, previousId: null, nextId: 'a2' });
    expect(branchPosition(t, t.a4!)).toEqual({ index: 3, count: 3, previousId: 'a2', nextId: null });
    expect(branchPosition(t, t.u2!)).toEqual({ index: 1, count: 1, previousId: null, nextId: null });
  });

  it('follows the newest continuation below a message', () => {
    const t = tree();
    expect(newestLeafUnder(t, 'a2')).toBe('a3');
    expect(newestLeafUnder(t, 'u1')).toBe('a4');
    expect(newestLeafUnder(t, 'a3')).toBe('a3');
  });
});
