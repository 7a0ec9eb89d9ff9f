import type { OpenRequest } from '../../../shared/contract';
import { iterateEvent } from '../../base/emitter';

/**
 * Files the operating system asked the app to open (a double-clicked `.gguf`), waiting for a window
 * to show them. Requests that arrive before any window listens (at launch) go to the first one to
 * subscribe; later ones to every window listening.
 */
export class OpenRequests {
  private pending: OpenRequest[] = [];
  private readonly listeners = new Set<(request: OpenRequest) => void>();

  open(path: string): void {
    const request = { path };
    if (this.listeners.size === 0) this.pending.push(request);
    for (const listener of [...this.listeners]) listener(request);
  }

  follow(signal: AbortSignal | undefined): AsyncGenerator<OpenRequest> {
    return iterateEvent((listener) => {
      // A window that stopped listening must not swallow the next request, even if its iterator
      // is never resumed to clean up: the abort itself takes it off the list.
      const remove = () => void this.listeners.delete(listener);
      this.listeners.add(listener);
      signal?.addEventListener('abort', remove, { once: true });
      for (const request of this.pending.splice(0)) listener(request);
      return () => {
        remove();
        signal?.removeEventListener('abort', remove);
      };
    }, signal);
  }
}
