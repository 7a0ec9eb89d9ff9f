import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { AbsolutePathSchema } from './settings.contract';
import { appErrors } from './errors';
import { patchOf } from './patch';

export const SamplingSchema = z.object({
  temperature: z.number().min(0).max(2).default(0.8),
  topP: z.number().min(0).max(1).default(0.95),
  topK: z.number().int().min(0).max(1000).default(40),
  minP: z.number().min(0).max(1).default(0.05),
  repeatPenalty: z.number().min(1).max(2).default(1.1),
  /** null: a new random seed per answer. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).nullable().default(null),
  maxTokens: z.number().int().min(1).max(32_768).default(1024),
});
export type Sampling = z.infer<typeof SamplingSchema>;

export const StopReasonSchema = z.enum(['eos', 'maxTokens', 'stopped', 'crashed', 'error']);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const GenerationStatsSchema = z.object({
  ttftMs: z.number().nullable(),
  promptTokens: z.number().int(),
  promptTokensPerSecond: z.number().nullable(),
  generatedTokens: z.number().int(),
  generationTokensPerSecond: z.number().nullable(),
  durationMs: z.number(),
  stopReason: StopReasonSchema,
  modelPath: z.string(),
  quantization: z.string().nullable(),
  gpuLayers: z.number().int().nullable(),
  contextSize: z.number().int().nullable(),
  threads: z.number().int().nullable(),
});
export type GenerationStats = z.infer<typeof GenerationStatsSchema>;

export const MessageStatusSchema = z.enum(['complete', 'streaming', 'interrupted', 'stopped', 'error']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  parentId: z.string().nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  /** Reasoning ("thought") text the model produced before its answer. */
  reasoning: z.string(),
  status: MessageStatusSchema,
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  stats: GenerationStatsSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  pinned: z.boolean(),
  modelPath: z.string().nullable(),
  systemPrompt: z.string(),
  sampling: SamplingSchema,
  /** The last message of the branch being shown. */
  leafId: z.string().nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ChatEventSchema = z.discriminatedUnion('type', [
  /** A message was created or changed (the user's message, the new answer, a finished answer). */
  z.object({ type: z.literal('message'), message: MessageSchema }),
  z.object({
    type: z.literal('delta'),
    messageId: z.string(),
    text: z.string(),
    segment: z.enum(['text', 'thought']),
  }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

export const SearchHitSchema = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  title: z.string(),
  snippet: z.string(),
  role: z.enum(['user', 'assistant']),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const Id = z.string().min(1).max(64);
const Text = z.string().max(200_000);
const Title = z.string().trim().min(1).max(200);

const base = oc.errors(appErrors);

export const chatContract = {
  list: base.output(z.array(ConversationSchema)),
  create: base
    .input(
      z
        .object({
          title: Title.optional(),
          modelPath: AbsolutePathSchema.nullable().optional(),
          systemPrompt: z.string().max(20_000).optional(),
          sampling: SamplingSchema.partial().optional(),
        })
        .strict()
        .default({}),
    )
    .output(ConversationSchema),
  get: base.input(z.object({ id: Id })).output(z.object({ conversation: ConversationSchema, messages: z.array(MessageSchema) })),
  update: base
    .input(
      z
        .object({
          id: Id,
          title: Title.optional(),
          pinned: z.boolean().optional(),
          modelPath: AbsolutePathSchema.nullable().optional(),
          systemPrompt: z.string().max(20_000).optional(),
          // A patch: fields not sent keep their value (`.partial()` would fill in defaults).
          sampling: patchOf(SamplingSchema).optional(),
        })
        .strict(),
    )
    .output(ConversationSchema),
  delete: base.input(z.object({ id: Id })).output(z.void()),
  /** Shows the branch that contains `messageId` (its newest continuation). */
  selectBranch: base.input(z.object({ messageId: Id })).output(ConversationSchema),
  /**
   * Adds a user message under `parentId` (default: the shown branch's last message; an edit
   * passes the edited message's parent, so the old branch stays) and streams the answer.
   * Aborting the call stops the answer; what was generated is kept.
   */
  send: base
    .input(z.object({ conversationId: Id, content: Text.min(1), parentId: Id.nullable().optional() }).strict())
    .output(eventIterator(ChatEventSchema)),
  /** A new answer beside `messageId` (an assistant message). */
  regenerate: base.input(z.object({ messageId: Id })).output(eventIterator(ChatEventSchema)),
  /** Continues an interrupted or stopped answer in place. */
  continue: base.input(z.object({ messageId: Id })).output(eventIterator(ChatEventSchema)),
  deleteMessage: base.input(z.object({ messageId: Id })).output(z.void()),
  search: base.input(z.object({ query: z.string().trim().min(1).max(200).refine((q) => !q.includes('\0'), 'The search contains a NUL character') })).output(z.array(SearchHitSchema)),
  export: base
    .input(z.object({ id: Id, format: z.enum(['markdown', 'json']) }))
    .output(z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })),
  import: base.input(z.object({ content: z.string().min(2).max(20_000_000) })).output(ConversationSchema),
};
