type Segment = 'text' | 'thought';

/**
 * Coalesces streamed text into one message per interval. At 1000 tokens/s a message per token
 * costs the engine's only thread more than the tokens do; the first chunk still goes out at once
 * so time to first token is not delayed.
 */
export class ChunkBatcher {
  private text = '';
  private segment: Segment = 'text';
  private timer: NodeJS.Timeout | null = null;
  private sentFirst = false;

  constructor(
    private readonly send: (text: string, segment: Segment) => void,
    private readonly intervalMs = 16,
  ) {}

  push(text: string, segment: Segment): void {
    if (segment !== this.segment) this.flush();
    this.segment = segment;
    this.text += text;
    if (!this.sentFirst) {
      this.sentFirst = true;
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.text) return;
    const text = this.text;
    this.text = '';
    this.send(text, this.segment);
  }
}
