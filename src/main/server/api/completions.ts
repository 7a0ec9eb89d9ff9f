import { randomBytes } from 'node:crypto';
import { elapsed, sendJson, unixSeconds, type Exchange } from './exchange';
import { invalidRequest } from './openAiErrors';
import { CompletionRequestSchema } from './openAiSchemas';
import { parseBody } from './parseBody';
import { samplingOf } from './requestOptions';
import { SseStream, streamGeneration } from './sse';
import { finishReason, recordResult, timingsOf, usageOf } from './usage';

/** `POST /v1/completions`: the prompt continued as raw text, no chat template. */
export async function completions(exchange: Exchange): Promise<void> {
  const body = parseBody(CompletionRequestSchema, exchange.body);
  const { record } = exchange;
  record.model = body.model;
  record.stream = body.stream === true;
  if (body.echo) throw invalidRequest('echo is not supported.', 'echo', 'unsupported_parameter');
  if (body.suffix) throw invalidRequest('suffix (fill in the middle) is not supported.', 'suffix', 'unsupported_parameter');
  const { sampling, options } = samplingOf(body);
  const prompt = [body.prompt].flat()[0]!;

  const lease = await exchange.api.use(body.model);
  try {
    const id = `cmpl-${randomBytes(12).toString('base64url')}`;
    const created = unixSeconds();
    const chunk = (text: string, finish: string | null = null) => ({
      id,
      object: 'text_completion',
      created,
      model: body.model,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finish }],
    });
    const firstToken = () => (record.ttftMs ??= elapsed(exchange));

    if (body.stream) {
      const sse = new SseStream(exchange.res, exchange.headers);
      record.status = 200;
      await streamGeneration(
        exchange,
        sse,
        () =>
          exchange.api.complete(
            lease,
            prompt,
            sampling,
            options,
            (text) => {
              firstToken();
              sse.send(chunk(text));
            },
            exchange.signal,
          ),
        (result) => {
          sse.send({ ...chunk('', finishReason(result)), timings: timingsOf(result) });
          if (body.stream_options?.include_usage)
            sse.send({ id, object: 'text_completion', created, model: body.model, choices: [], usage: usageOf(result) });
        },
      );
      return;
    }

    let text = '';
    const result = await exchange.api.complete(
      lease,
      prompt,
      sampling,
      options,
      (piece) => {
        firstToken();
        text += piece;
      },
      exchange.signal,
    );
    recordResult(record, result);
    sendJson(exchange, { ...chunk(text, finishReason(result)), usage: usageOf(result), timings: timingsOf(result) });
  } finally {
    lease.release();
  }
}
