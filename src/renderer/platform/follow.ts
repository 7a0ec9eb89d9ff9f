import { reportCallError } from './appStore';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Runs `step` for as long as `signal` lives: a subscription that ends or fails (a dropped
 * connection) is opened again, backing off from 250 ms to 4 s; a step that succeeds resets it.
 */
export async function follow(signal: AbortSignal, step: (signal: AbortSignal) => Promise<void>): Promise<void> {
  let delay = 250;
  while (!signal.aborted) {
    try {
      await step(signal);
      delay = 250;
    } catch (error) {
      if (signal.aborted) return;
      reportCallError(error);
    }
    if (signal.aborted) return;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 4000);
  }
}
