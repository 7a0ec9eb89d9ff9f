/** A minimal typed event: `onDidX(listener)` returns the function that unsubscribes. */
export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}

/**
 * Turns an event into an async iterator that ends when `signal` aborts, so a subscription over
 * any transport is released when the caller cancels. `current` is yielded first, read after
 * subscribing, so no change can slip between the snapshot and the first event.
 */
export async function* iterateEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  signal: AbortSignal | undefined,
  current?: () => T,
): AsyncGenerator<T> {
  const buffered: T[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = subscribe((value) => {
    buffered.push(value);
    wake?.();
  });
  if (current) buffered.push(current());
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      const next = buffered.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
