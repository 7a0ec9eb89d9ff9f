import { Backoff, sleep } from '../../shared/backoff';

/**
 * Runs `step` for as long as `signal` lives: a subscription that ends or fails (a dropped
 * connection) is opened again, backing off from 250 ms to 4 s; a step that succeeds resets it.
 */
export async function follow(signal: AbortSignal, step: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const backoff = new Backoff({ baseMs: 250, maxMs: 4000 });
  while (!signal.aborted) {
    try {
      await step(signal);
      backoff.reset();
    } catch {
      // The client's interceptor has reported a dropped connection; the loop opens it again.
      if (signal.aborted) return;
    }
    if (signal.aborted) return;
    await sleep(backoff.next(), signal);
  }
}
