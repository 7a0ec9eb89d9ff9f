import type { Highlight } from '../../../shared/contract';

/**
 * The text side of search: the terms of a query, how well a message matches them, and the
 * snippet with the places to highlight. Pure functions over strings, so they are tested alone.
 */

/** Whitespace-separated, distinct (ignoring case), at most 16: every one must be in a hit. */
export function searchTerms(query: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of query.trim().split(/\s+/)) {
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === 16) break;
  }
  return terms;
}

/** Code points, so a Chinese character or an emoji counts as one. */
export const charLength = (text: string) => [...text].length;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One case-insensitive pattern per term; Unicode-aware like the trigram index's case folding. */
export function termPatterns(terms: string[]): RegExp[] {
  return terms.map((t) => new RegExp(escapeRegExp(t), 'giu'));
}

const K1 = 1.2;
const B = 0.75;

/**
 * BM25's term-frequency saturation and length normalisation for each candidate. Its corpus-wide
 * term weight (IDF) is left out on purpose: every candidate holds every term, and counting a
 * common term's rows in a million messages is the full scan a page must not cost.
 */
export function scoreCandidates(contents: string[], patterns: RegExp[]): number[] {
  const lengths = contents.map((c) => Math.max(1, c.length));
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return contents.map((content, i) => {
    const norm = K1 * (1 - B + (B * lengths[i]!) / average);
    let score = 0;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      let tf = 0;
      while (pattern.exec(content)) tf++;
      tf = Math.max(tf, 1); // the index matched it, whatever folding differs
      score += (tf * (K1 + 1)) / (tf + norm);
    }
    return score;
  });
}

const BEFORE = 60;
const LENGTH = 220;

/**
 * Plain text around the first match and where each term occurs in it. Offsets are into the
 * returned string (with its ellipses), so the renderer can wrap them in elements without parsing.
 */
export function snippetOf(content: string, patterns: RegExp[]): { snippet: string; highlights: Highlight[] } {
  const first = Math.min(...patterns.map((p) => firstIndex(content, p)));
  let start = Number.isFinite(first) ? Math.max(0, first - BEFORE) : 0;
  let end = Math.min(content.length, start + LENGTH);
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(content.charCodeAt(start))) start--;
  if (end < content.length && isLowSurrogate(content.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  // Whitespace one for one, so offsets found in the text stay valid.
  const body = content.slice(start, end).replace(/\s/g, ' ');
  const snippet = prefix + body + (end < content.length ? '…' : '');
  const ranges: Highlight[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
      if (m[0].length === 0) break;
      ranges.push({ start: prefix.length + m.index, end: prefix.length + m.index + m[0].length });
    }
  }
  return { snippet, highlights: mergeRanges(ranges) };
}

function firstIndex(content: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const m = pattern.exec(content);
  return m ? m.index : Infinity;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Sorted, overlapping or touching ranges joined. */
export function mergeRanges(ranges: Highlight[]): Highlight[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Highlight[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
