import type { Highlight } from '../../../../shared/contract';

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * Text cut at the highlight offsets the server computed. Ranges out of order, overlapping or
 * outside the text are clipped or skipped, so a bad range can never hide or repeat text.
 */
export function segments(text: string, ranges: Highlight[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
