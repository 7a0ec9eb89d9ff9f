import { describe, expect, it } from 'vitest';
import { mergeRanges, scoreCandidates, searchTerms, snippetOf, termPatterns } from './searchText';

describe('search text', () => {
  it('splits a query into distinct terms, ignoring case', () => {
    expect(searchTerms('  Fox  fox quick\tbrown ')).toEqual(['Fox', 'quick', 'brown']);
  });

  it('scores more occurrences higher and, for equal counts, shorter messages higher', () => {
    const [many, once, onceLong] = scoreCandidates(['fox fox fox', 'a fox', `a fox ${'x'.repeat(400)}`], termPatterns(['fox']));
    expect(many!).toBeGreaterThan(once!);
    expect(once!).toBeGreaterThan(onceLong!);
  });

  it('cuts the snippet around the first match and marks every term within it by offset', () => {
    const text = `${'lorem ipsum '.repeat(20)}the Brown\nfox and the brown dog`;
    const { snippet, highlights } = snippetOf(text, termPatterns(['brown', 'FOX']));
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).not.toContain('\n');
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['Brown', 'fox', 'brown']);
  });

  it('never splits a character made of two UTF-16 units and keeps offsets right after emoji', () => {
    const text = `${'😀'.repeat(40)}模型${'😀'.repeat(200)}`;
    const { snippet, highlights } = snippetOf(text, termPatterns(['模型']));
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['模型']);
  });

  it('treats regular-expression characters in a query as text', () => {
    const { highlights, snippet } = snippetOf('use a+b (or c*) here', termPatterns(['a+b', '(or']));
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['a+b', '(or']);
  });

  it('joins overlapping ranges', () => {
    expect(mergeRanges([{ start: 5, end: 8 }, { start: 0, end: 2 }, { start: 7, end: 10 }, { start: 10, end: 11 }])).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 11 },
    ]);
  });
});
