import { describe, expect, it } from 'vitest';
import { segments } from './segments';

describe('highlight segments', () => {
  it('cuts the text at the offsets, marking the matches', () => {
    expect(segments('the quick fox', [{ start: 4, end: 9 }, { start: 10, end: 13 }])).toEqual([
      { text: 'the ', marked: false },
      { text: 'quick', marked: true },
      { text: ' ', marked: false },
      { text: 'fox', marked: true },
    ]);
  });

  it('never loses or repeats text for ranges out of order, overlapping or past the end', () => {
    const text = '<b>not markup</b>';
    const parts = segments(text, [{ start: 5, end: 50 }, { start: 0, end: 7 }, { start: 3, end: 2 }]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['<b>not ', 'markup</b>']);
  });
});
