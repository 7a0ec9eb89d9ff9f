import { randomBytes } from 'node:crypto';
import type { ToolCallResult } from '../../engineProcess/protocol';
import { elapsed, sendJson, unixSeconds, type Exchange } from './exchange';
import { invalidRequest } from './openAiErrors';
import { ChatCompletionRequestSchema } from './openAiSchemas';
import { parseBody } from './parseBody';
import { samplingOf, toolsOf } from './requestOptions';
import { SseStream, streamGeneration } from './sse';
import { toTurns } from './toTurns';
import { finishReason, recordResult, timingsOf, usageOf } from './usage';

/** `POST /v1/chat/completions`, streamed (SSE) or as one JSON answer. */
export async function chatCompletions(exchange: Exchange): Promise<void> {
  const body = parseBody(ChatCompletionRequestSchema, exchange.body);
  const { record } = exchange;
  record.model = body.model;
  record.stream = body.stream === true;
  const { sampling, options } = samplingOf(body);
  const tools = toolsOf(body);
  if (tools.toolChoice && tools.toolChoice !== 'auto' && options.responseFormat) {
    throw invalidRequest('A forced tool call and response_format cannot be combined: the call is already JSON.', 'response_format');
  }
  const turns = toTurns(body.messages);

  // Loading happens before anything is sent, so a model that will not fit is an HTTP error.
  const lease = await exchange.api.use(body.model);
  try {
    const id = `chatcmpl-${randomBytes(12).toString('base64url')}`;
    const created = unixSeconds();
    const callIds: string[] = [];
    const callId = (index: number) => (callIds[index] ??= `call_${randomBytes(12).toString('base64url')}`);
    const firstToken = () => (record.ttftMs ??= elapsed(exchange));
    const generate = (sink: Parameters<typeof exchange.api.chat>[4]) =>
      exchange.api.chat(lease, turns, sampling, { ...options, ...tools }, sink, exchange.signal);

    if (body.stream) {
      const sse = new SseStream(exchange.res, exchange.headers);
      record.status = 200;
      const includeUsage = body.stream_options?.include_usage === true;
      const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
        id,
        object: 'chat.completion.chunk',
        created,
        model: body.model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
        ...extra,
      });
      sse.send(chunk({ role: 'assistant', content: '' }));
      await streamGeneration(
        exchange,
        sse,
        () =>
          generate({
            onText: (text, segment) => {
              firstToken();
              sse.send(chunk(segment === 'thought' ? { reasoning_content: text } : { content: text }));
            },
            onToolCall: (index, name, argumentsDelta) => {
              firstToken();
              sse.send(
                chunk({
                  tool_calls: [
                    name !== null
                      ? { index, id: callId(index), type: 'function', function: { name, arguments: argumentsDelta } }
                      : { index, function: { arguments: argumentsDelta } },
                  ],
                }),
              );
            },
          }),
        (result) => {
          sse.send(chunk({}, finishReason(result), { timings: timingsOf(result) }));
          if (includeUsage)
            sse.send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: usageOf(result) });
        },
      );
      return;
    }

    let content = '';
    let reasoning = '';
    const result = await generate({
      onText: (text, segment) => {
        firstToken();
        if (segment === 'thought') reasoning += text;
        else content += text;
      },
      onToolCall: firstToken,
    });
    recordResult(record, result);
    const toolCalls = result.toolCalls?.map((call: ToolCallResult, index) => ({
      id: callId(index),
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
    sendJson(exchange, {
      id,
      object: 'chat.completion',
      created,
      model: body.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: toolCalls?.length && !content ? null : content,
            refusal: null,
            ...(reasoning ? { reasoning_content: reasoning } : {}),
            ...(toolCalls?.length ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: finishReason(result),
        },
      ],
      usage: usageOf(result),
      timings: timingsOf(result),
    });
  } finally {
    lease.release();
  }
}
