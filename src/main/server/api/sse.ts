import type { ServerResponse } from 'node:http';
import type { GenerationResult } from '../../engineProcess/protocol';
import type { Exchange } from './exchange';
import { toOpenAiError, type OpenAiError } from './openAiErrors';
import { recordResult } from './usage';

/**
 * Server-sent events as OpenAI streams them: one `data: <json>` event per chunk, `data: [DONE]` at
 * the end. Nagle is off so a token leaves when it is written, not with the next one.
 */
export class SseStream {
  constructor(
    private readonly res: ServerResponse,
    headers: Record<string, string> = {},
  ) {
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

/**
 * A streamed generation from its first chunk to `[DONE]`: `generate` sends the chunks as they come;
 * then `finish` sends the closing ones. A failure after the status line goes into the stream, where
 * OpenAI's clients raise it; a client that left gets nothing more.
 */
export async function streamGeneration(
  exchange: Exchange,
  sse: SseStream,
  generate: () => Promise<GenerationResult>,
  finish: (result: GenerationResult) => void,
): Promise<void> {
  try {
    const result = await generate();
    recordResult(exchange.record, result);
    finish(result);
    sse.done();
  } catch (error) {
    if (exchange.signal.aborted) return;
    const failure = toOpenAiError(error);
    exchange.record.errorCode = failure.code;
    sse.fail(failure);
  }
}
