/**
 * Reads llama.cpp's quantize log as it arrives (in fragments, not lines): per-tensor progress from
 * `[  i/  N] name …`, each tensor's target type from the dry run's `-> X MiB (q4_K)`, and the
 * error lines that carry the reason a call returned 1.
 */
export class QuantizeLog {
  private pending = '';
  private readonly errors: string[] = [];
  /** Tensor name → target ggml type name (upper case), from the dry run. */
  readonly targets = new Map<string, string>();
  /** Tensors kept in another type than asked (their rows do not divide into the type's blocks). */
  fallbackTensors = 0;

  constructor(private readonly onProgress: (done: number, total: number) => void) {}

  push(level: number, text: string): void {
    // A tensor's line starts before it is converted: report the ones before it as done.
    for (const m of text.matchAll(/\[\s*(\d+)\/\s*(\d+)\]/g)) this.onProgress(Number(m[1]) - 1, Number(m[2]));
    if (level === 4) this.errors.push(text.trim());
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** The reason llama.cpp gave, from its error lines (its return value says only 1). */
  reason(): string {
    const failed = this.errors.find((e) => e.includes('failed to quantize'));
    const text = failed ?? this.errors.filter((e) => e && !/^=+$/.test(e)).join(' ');
    return (text.replace(/^.*failed to quantize:\s*/, '') || 'llama.cpp gave no reason').slice(0, 500);
  }

  private line(line: string): void {
    const m = /^\[\s*\d+\/\s*\d+\]\s+(\S+)\s+-.*->.*\((\w+)\)\s*$/.exec(line);
    if (m) this.targets.set(m[1]!, m[2]!.toUpperCase());
    const fallback = /(\d+) of \d+ tensor\(s\) required fallback/.exec(line);
    if (fallback) this.fallbackTensors = Number(fallback[1]);
  }
}
