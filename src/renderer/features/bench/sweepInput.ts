import { parseBenchTest, type BenchTestShape } from '../../../shared/bench/testName';

/** "pp512, tg128 @ d1024" → tests; the first part that is not a test is reported. */
export function parseTests(text: string): { tests: BenchTestShape[]; invalid: string | null } {
  // llama-bench's `-pg 512,128` has a comma of its own: read it as pp512+tg128 before splitting.
  const parts = text
    .replace(/pg\s*(\d+)\s*,\s*(\d+)/gi, 'pp$1+tg$2')
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const tests: BenchTestShape[] = [];
  for (const part of parts) {
    const test = parseBenchTest(part);
    if (!test) return { tests, invalid: part };
    tests.push(test);
  }
  return { tests, invalid: null };
}

/** "1, 2,4" → [1, 2, 4]; "" → []; null when any part is not a positive whole number. */
export function parseIntList(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const values = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (values.some((v) => !Number.isSafeInteger(v) || v <= 0)) return null;
  return [...new Set(values)];
}

/** GPU layers: whole numbers (0 allowed) or "max". */
export function parseLayers(text: string): Array<number | 'max'> | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const values: Array<number | 'max'> = [];
  for (const p of parts) {
    if (p === 'max') values.push('max');
    else if (/^\d+$/.test(p)) values.push(Number(p));
    else return null;
  }
  return [...new Set(values)];
}
