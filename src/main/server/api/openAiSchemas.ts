import { z } from 'zod';

/**
 * The requests of OpenAI's API that Caliper serves. Unknown fields are ignored (clients send
 * `user`, `metadata`, `store`…); fields Caliper cannot honour are refused with a clear 400 by
 * the handlers rather than silently ignored.
 */

const ContentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });
const ContentSchema = z.union([z.string(), z.array(ContentPartSchema)]).nullable().optional();

const ToolCallSchema = z.looseObject({
  id: z.string().max(200),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string().max(200), arguments: z.string().max(1_000_000) }),
});

export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.enum(['system', 'developer']), content: ContentSchema }),
  z.looseObject({ role: z.literal('user'), content: ContentSchema }),
  z.looseObject({ role: z.literal('assistant'), content: ContentSchema, tool_calls: z.array(ToolCallSchema).max(64).optional() }),
  z.looseObject({ role: z.literal('tool'), content: ContentSchema, tool_call_id: z.string().max(200) }),
  z.looseObject({ role: z.literal('function'), content: ContentSchema }),
]);
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({ name: z.string().max(64).optional(), schema: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

const StopSchema = z.union([z.string().max(500), z.array(z.string().max(500)).max(16)]).nullable().optional();

/** Sampling fields both generation endpoints take; `top_k`, `min_p`, `repeat_penalty` as llama-server does. */
const SamplingFields = {
  model: z.string().min(1).max(500),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.number().int().min(1).max(1_048_576).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  top_k: z.number().int().min(0).max(1000).nullable().optional(),
  min_p: z.number().min(0).max(1).nullable().optional(),
  repeat_penalty: z.number().min(1).max(2).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  stop: StopSchema,
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  logprobs: z.union([z.boolean(), z.number()]).nullable().optional(),
};

export const ChatCompletionRequestSchema = z.looseObject({
  ...SamplingFields,
  messages: z.array(ChatMessageSchema).min(1).max(10_000),
  max_completion_tokens: z.number().int().min(1).max(1_048_576).nullable().optional(),
  tools: z.array(ToolSchema).max(128).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: ResponseFormatSchema.optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

export const CompletionRequestSchema = z.looseObject({
  ...SamplingFields,
  prompt: z.union([z.string(), z.array(z.string()).length(1)]),
  echo: z.boolean().nullable().optional(),
  suffix: z.string().nullable().optional(),
  response_format: ResponseFormatSchema.optional(),
});
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

export const EmbeddingRequestSchema = z.looseObject({
  model: z.string().min(1).max(500),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048), z.array(z.number()), z.array(z.array(z.number()))]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().min(1).optional(),
});
export type EmbeddingRequest = z.infer<typeof EmbeddingRequestSchema>;
