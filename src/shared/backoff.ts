/**
 * Exponential backoff, the one way Caliper waits before trying again (a download, an engine
 * restart, a dropped subscription, a reopening socket): `baseMs`, then twice that, and so on up
 * to `maxMs`. `reset()` after a success starts again from `baseMs`.
 */
export class Backoff {
  private tries = 0;

  constructor(private readonly options: { baseMs: number; maxMs?: number }) {}

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.tries;
  }

  /** The delay before the next try. */
  next(): number {
    return delayFor(this.tries++, this.options);
  }

  reset(): void {
    this.tries = 0;
  }
}

/** The delay before try number `attempt` (0 for the first retry). */
export function delayFor(attempt: number, { baseMs, maxMs = Number.POSITIVE_INFINITY }: { baseMs: number; maxMs?: number }): number {
  return Math.min(baseMs * 2 ** attempt, maxMs);
}

/** Waits `ms`; an abort ends the wait early (it resolves, never rejects: the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
