import type { GenerationStats } from '../../../shared/contract';

/*
 * What every export of measured answers shares (Compare rounds, suite runs): plain numbers, CSV
 * cells a spreadsheet cannot run, Markdown fences an answer cannot close.
 */

export const round = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '' : n.toFixed(digits));

export const mean = (values: Array<number | null | undefined>) => {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

/**
 * RFC 4180 quoting. A text cell that a spreadsheet would run as a formula (=, +, @, a tab, or a
 * minus followed by something other than a space, as in "- a list item") gets a leading quote.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^(?:[=+@\t\r]|-[^ ])/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A fence longer than any run of backticks in the text, so an answer cannot close it early. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** The columns of one measured answer, in CSV order (after the columns naming prompt and model). */
export const ANSWER_CSV_COLUMNS = [
  'status',
  'output',
  'error',
  'ttft_ms',
  'prompt_tokens',
  'prompt_tokens_per_second',
  'generated_tokens',
  'generation_tokens_per_second',
  'duration_ms',
  'peak_rss_bytes',
  'gpu_layers',
] as const;

export interface MeasuredAnswer {
  status: string;
  output: string;
  error: { code: string; detail: string } | null;
  stats: GenerationStats | null;
  peakRssBytes: number | null;
}

/** One answer's cells for ANSWER_CSV_COLUMNS; `hideMachine` leaves out what could tell a blind side. */
export function answerCsvFields(a: MeasuredAnswer, hideMachine = false): Array<string | number | null> {
  const s = a.stats;
  return [
    a.status,
    a.output,
    a.error ? `${a.error.code}: ${a.error.detail}` : '',
    s?.ttftMs != null ? Math.round(s.ttftMs) : null,
    s?.promptTokens ?? null,
    s?.promptTokensPerSecond != null ? round(s.promptTokensPerSecond) : null,
    s?.generatedTokens ?? null,
    s?.generationTokensPerSecond != null ? round(s.generationTokensPerSecond) : null,
    s ? Math.round(s.durationMs) : null,
    hideMachine ? null : a.peakRssBytes,
    hideMachine ? null : (s?.gpuLayers ?? null),
  ];
}
