import type { GenerateOptions, ToolChoice, ToolSpec } from '../../engineProcess/protocol';
import type { ApiSampling } from '../../services/api/apiService';
import { checkJsonSchema } from './jsonSchemaSupport';
import { invalidRequest } from './openAiErrors';
import type { ChatCompletionRequest, CompletionRequest } from './openAiSchemas';

/** Sampling and the options shared by both generation endpoints; refuses what cannot be honoured. */
export function samplingOf(body: ChatCompletionRequest | CompletionRequest): { sampling: ApiSampling; options: GenerateOptions } {
  if ((body.n ?? 1) > 1) throw invalidRequest('n > 1 is not supported: Caliper writes one answer per request. Send several requests instead.', 'n', 'unsupported_parameter');
  if (body.logprobs) throw invalidRequest('logprobs are not supported.', 'logprobs', 'unsupported_parameter');
  const maxCompletionTokens = 'messages' in body ? (body as ChatCompletionRequest).max_completion_tokens : null;
  const maxTokens = maxCompletionTokens ?? body.max_tokens ?? undefined;
  const stop = body.stop == null ? undefined : [body.stop].flat().filter((s) => s.length > 0);
  return {
    sampling: {
      temperature: body.temperature ?? undefined,
      topP: body.top_p ?? undefined,
      topK: body.top_k ?? undefined,
      minP: body.min_p ?? undefined,
      repeatPenalty: body.repeat_penalty ?? undefined,
      // OpenAI's seed is any integer; the engine's is 32 bits.
      seed: body.seed == null ? undefined : Number(BigInt.asUintN(32, BigInt(body.seed))),
      maxTokens,
    },
    options: {
      stop: stop?.length ? stop : undefined,
      presencePenalty: body.presence_penalty ?? undefined,
      frequencyPenalty: body.frequency_penalty ?? undefined,
      responseFormat: responseFormatOf(body.response_format),
    },
  };
}

function responseFormatOf(format: ChatCompletionRequest['response_format']): GenerateOptions['responseFormat'] {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json' };
  if (!format.json_schema.schema) return { type: 'json' };
  return { type: 'schema', schema: supportedSchema(format.json_schema.schema, 'response_format.json_schema.schema') };
}

/** `tools` and `tool_choice` as the engine takes them; each tool's parameters must be enforceable. */
export function toolsOf(body: ChatCompletionRequest): Pick<GenerateOptions, 'tools' | 'toolChoice' | 'parallelToolCalls'> {
  const choice = body.tool_choice;
  if (!body.tools?.length) {
    if (choice !== undefined && choice !== 'none' && choice !== 'auto') throw invalidRequest('tool_choice needs tools.', 'tool_choice');
    return {};
  }
  if (choice === 'none') return {};
  const tools: ToolSpec[] = body.tools.map((tool, i) => ({
    name: tool.function.name,
    description: tool.function.description,
    parameters: tool.function.parameters && supportedSchema(tool.function.parameters, `tools.${i}.function.parameters`),
  }));
  let toolChoice: ToolChoice = 'auto';
  if (choice === 'required') toolChoice = 'required';
  else if (typeof choice === 'object') {
    if (!tools.some((t) => t.name === choice.function.name)) throw invalidRequest(`tool_choice names "${choice.function.name}", which is not in tools.`, 'tool_choice');
    toolChoice = { name: choice.function.name };
  }
  return { tools, toolChoice, parallelToolCalls: body.parallel_tool_calls };
}

function supportedSchema(schema: Record<string, unknown>, param: string): Record<string, unknown> {
  const check = checkJsonSchema(schema, param);
  if (!check.ok) {
    throw invalidRequest(
      `The JSON schema uses \`${check.keyword}\` at ${check.at}, which Caliper cannot enforce while generating. Remove it or describe the constraint in the prompt.`,
      param,
      'unsupported_schema',
    );
  }
  return check.schema;
}
