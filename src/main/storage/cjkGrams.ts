/**
 * CJK characters and pairs of characters, for the side index that finds one- and two-character
 * Chinese (and Japanese, Korean) queries, which the trigram index cannot. Registered as the SQL
 * function `caliper_cjk_grams` on every connection, and called by the triggers that keep
 * `messages_cjk` in step with `messages`.
 */

const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const ONLY_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/** Each distinct character and adjacent pair in the text's CJK runs, space-separated; null when there is none. */
export function cjkGrams(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const grams = new Set<string>();
  for (const [run] of text.matchAll(RUN)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return grams.size > 0 ? [...grams].join(' ') : null;
}

/** Whether a search term can be looked up in the side index: one or two CJK characters. */
export function isShortCjk(term: string): boolean {
  const length = [...term].length;
  return length >= 1 && length <= 2 && ONLY_CJK.test(term);
}
