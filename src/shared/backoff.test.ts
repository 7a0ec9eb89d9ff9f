import { describe, expect, it } from 'vitest';
import { Backoff, delayFor, sleep } from './backoff';

describe('Backoff', () => {
  it('doubles from the base up to the cap, and starts again after a reset', () => {
    const backoff = new Backoff({ baseMs: 250, maxMs: 4000 });
    expect(Array.from({ length: 7 }, () => backoff.next())).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoff.attempts).toBe(7);
    backoff.reset();
    expect(backoff.next()).toBe(250);
    expect(delayFor(3, { baseMs: 1000 })).toBe(8000);
  });

  // Without the early end these would outlive the test's timeout.
  it('sleep ends early when aborted, and at once when already aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await waiting;
    await expect(sleep(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
