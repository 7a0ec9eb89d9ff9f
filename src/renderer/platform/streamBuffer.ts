/**
 * Collects streamed text and hands it over at most once per animation frame, so a model writing
 * 1000 tokens a second costs one store update (and one render of one message) per frame instead
 * of one per token. Nothing is dropped: text pushed between frames is concatenated in order.
 * A hidden tab gets no frames; a timer then flushes instead, so the buffer never grows unbounded.
 */

export type Segment = 'text' | 'thought';

export interface StreamChunk {
  text: string;
  thought: string;
}

export interface StreamBufferOptions {
  /** Receives everything pushed since the last flush, per message id, in first-push order. */
  onFlush: (batch: Map<string, StreamChunk>) => void;
  requestFrame?: (callback: () => void) => number;
  cancelFrame?: (handle: number) => void;
  /** Flush after this long even without a frame (hidden tab). */
  fallbackMs?: number;
}

interface Pending {
  text: string[];
  thought: string[];
}

export class StreamBuffer {
  private pending = new Map<string, Pending>();
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly requestFrame: (callback: () => void) => number;
  private readonly cancelFrame: (handle: number) => void;
  private readonly fallbackMs: number;

  constructor(private readonly options: StreamBufferOptions) {
    this.requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(cb));
    this.cancelFrame = options.cancelFrame ?? ((h) => cancelAnimationFrame(h));
    this.fallbackMs = options.fallbackMs ?? 250;
  }

  /** True while text is waiting for the next frame. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  push(messageId: string, segment: Segment, text: string): void {
    if (this.disposed || text === '') return;
    let entry = this.pending.get(messageId);
    if (!entry) {
      entry = { text: [], thought: [] };
      this.pending.set(messageId, entry);
    }
    (segment === 'thought' ? entry.thought : entry.text).push(text);
    this.schedule();
  }

  /** Hands over what is pending now (before a message's final version replaces it, or at the end). */
  flush(): void {
    this.unschedule();
    if (this.pending.size === 0) return;
    const batch = new Map<string, StreamChunk>();
    for (const [id, entry] of this.pending) batch.set(id, { text: entry.text.join(''), thought: entry.thought.join('') });
    this.pending = new Map();
    this.options.onFlush(batch);
  }

  /** Flushes what is left and stops. */
  dispose(): void {
    this.flush();
    this.disposed = true;
  }

  private schedule(): void {
    if (this.frame !== null) return;
    this.frame = this.requestFrame(() => {
      this.frame = null;
      this.flush();
    });
    this.timer = setTimeout(() => this.flush(), this.fallbackMs);
  }

  private unschedule(): void {
    if (this.frame !== null) this.cancelFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
