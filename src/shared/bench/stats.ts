/** Mean and sample standard deviation as llama-bench computes them (n − 1; 0 for one sample). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function sampleStddev(values: readonly number[]): number {
  if (values.length <= 1) return 0;
  const m = mean(values);
  const squares = values.reduce((a, v) => a + (v - m) * (v - m), 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** Tokens per second of each sample, as llama-bench's `samples_ts`: (prompt + generated) / time. */
export function samplesTs(samplesNs: readonly number[], tokens: number): number[] {
  return samplesNs.map((ns) => (1e9 * tokens) / ns);
}
