import { describe, expect, it } from 'vitest';
import { nextFirstIndex } from './MessageList';

describe('the message list first index', () => {
  it('goes down by the number of messages loaded above, so the reader does not jump', () => {
    expect(nextFirstIndex(1000, ['c', 'd'], ['a', 'b', 'c', 'd'])).toBe(998);
  });

  it('stays for a new answer at the end, another branch, or the first load', () => {
    expect(nextFirstIndex(1000, ['c', 'd'], ['c', 'd', 'e'])).toBe(1000);
    expect(nextFirstIndex(1000, ['c', 'd'], ['c', 'x'])).toBe(1000);
    expect(nextFirstIndex(1000, ['c', 'd'], ['x', 'y'])).toBe(1000);
    expect(nextFirstIndex(1000, [], ['a', 'b'])).toBe(1000);
  });
});
