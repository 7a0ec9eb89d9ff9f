import type { ServerResponse } from 'node:http';
import type { OpenAiError } from './openAiErrors';

/**
 * Server-sent events as OpenAI streams them: one `data: <json>` event per chunk, `data: [DONE]` at
 * the end. Nagle is off so a token leaves when it is written, not with the next one.
 */
export class SseStream {
  constructor(private readonly res: ServerResponse, headers: Record<string, string> = {}) {
    res.socket?.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Proxies (nginx) would otherwise hold tokens back.
      'x-accel-buffering': 'no',
      ...headers,
    });
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  send(data: unknown): void {
    if (this.open) this.res.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  done(): void {
    if (!this.open) return;
    this.res.write('data: [DONE]\n\n');
    this.res.end();
  }

  /** A failure after the stream started: OpenAI's clients raise an `error` event as an exception. */
  fail(error: OpenAiError): void {
    this.send(error.body());
    if (this.open) this.res.end();
  }
}
