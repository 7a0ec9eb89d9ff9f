/** Speed over a sliding window, so one fast or stalled second does not swing the ETA. */
export class ProgressMeter {
  private samples: Array<{ at: number; bytes: number }> = [];
  private total = 0;

  constructor(private readonly windowMs = 4000) {}

  add(bytes: number, now = Date.now()): void {
    this.total += bytes;
    this.samples.push({ at: now, bytes: this.total });
    while (this.samples.length > 2 && now - this.samples[0]!.at > this.windowMs) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  bytesPerSecond(now = Date.now()): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || now - last.at > this.windowMs) return 0;
    const ms = Math.max(now - first.at, 250);
    return ((last.bytes - first.bytes) * 1000) / ms;
  }
}
