import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChunkBatcher } from './chunkBatcher';

describe('ChunkBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first chunk at once, then one message per interval, losing nothing', () => {
    const sent: Array<[string, string]> = [];
    const b = new ChunkBatcher((text, segment) => sent.push([text, segment]), 16);
    b.push('a', 'text');
    expect(sent).toEqual([['a', 'text']]);
    for (const t of ['b', 'c', 'd']) b.push(t, 'text');
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([
      ['a', 'text'],
      ['bcd', 'text'],
    ]);
  });

  it('keeps thought and answer apart and flushes what is left at the end', () => {
    const sent: Array<[string, string]> = [];
    const b = new ChunkBatcher((text, segment) => sent.push([text, segment]), 16);
    b.push('think', 'thought');
    b.push('ing', 'thought');
    b.push('Answer', 'text');
    b.push('!', 'text');
    b.flush();
    expect(sent).toEqual([
      ['think', 'thought'],
      ['ing', 'thought'],
      ['Answer!', 'text'],
    ]);
    expect(sent.map(([t]) => t).join('')).toBe('thinkingAnswer!');
  });
});
