/** A test as llama-bench names it; the lab's tests are exactly llama-bench's. */
export interface BenchTestShape {
  nPrompt: number;
  nGen: number;
  depth: number;
}

/** `pp512`, `tg128`, `pp512+tg128`, and ` @ d4096` when the test runs at a depth (llama-bench's markdown `test` column). */
export function benchTestName(t: BenchTestShape): string {
  const base = t.nGen === 0 ? `pp${t.nPrompt}` : t.nPrompt === 0 ? `tg${t.nGen}` : `pp${t.nPrompt}+tg${t.nGen}`;
  return t.depth > 0 ? `${base} @ d${t.depth}` : base;
}

/**
 * Reads what a user types: llama-bench names (`pp512`, `tg128`, `pp512+tg128`), its `-pg` form
 * (`pg512,128`), spaces allowed, each with an optional ` @ d4096`. Null when it is none of these.
 */
export function parseBenchTest(text: string): BenchTestShape | null {
  const m = /^\s*(?:(pp)\s*(\d+)|(tg)\s*(\d+)|pp\s*(\d+)\s*\+\s*tg\s*(\d+)|pg\s*(\d+)\s*,\s*(\d+))\s*(?:@\s*d\s*(\d+))?\s*$/i.exec(text);
  if (!m) return null;
  const depth = m[9] ? Number(m[9]) : 0;
  let nPrompt = 0;
  let nGen = 0;
  if (m[1]) nPrompt = Number(m[2]);
  else if (m[3]) nGen = Number(m[4]);
  else if (m[5]) [nPrompt, nGen] = [Number(m[5]), Number(m[6])];
  else [nPrompt, nGen] = [Number(m[7]), Number(m[8])];
  if (nPrompt + nGen === 0) return null;
  return { nPrompt, nGen, depth };
}

/** Only generated tokens: the tests whose speed is bounded by reading the weights once per token. */
export function isGenerationTest(t: BenchTestShape): boolean {
  return t.nGen > 0 && t.nPrompt === 0;
}
