import { z } from 'zod';
import { GenerationStatsSchema, MessageStatusSchema, ModelRefSchema, SamplingSchema, StoredErrorSchema, withModelRef, type Conversation, type Message } from '../../../shared/contract';

/**
 * `caliper.history` v1: the whole chat history as JSON Lines. The first line is a header; each
 * further line is one conversation with its whole message tree, ids kept, so importing a file
 * twice finds every conversation already there. One line at a time is all either side holds.
 */
export const HistoryHeaderSchema = z.object({
  format: z.literal('caliper.history'),
  version: z.literal(1),
  exportedAt: z.number(),
  conversations: z.number().int().nonnegative(),
});

const Id = z.string().min(1).max(64);

export const HistoryLineSchema = z.object({
  // Files written before models could be remote carry `modelPath`.
  conversation: z.preprocess(withModelRef, z.object({
    id: Id,
    title: z.string().max(200),
    createdAt: z.number(),
    updatedAt: z.number(),
    pinned: z.boolean(),
    model: ModelRefSchema.nullable().default(null),
    systemPrompt: z.string().max(20_000),
    sampling: SamplingSchema,
    leafId: Id.nullable(),
  })),
  messages: z.array(
    z.object({
      id: Id,
      parentId: Id.nullable(),
      role: z.enum(['user', 'assistant']),
      content: z.string(),
      reasoning: z.string().default(''),
      status: MessageStatusSchema,
      error: StoredErrorSchema.nullable().default(null),
      // Files written before models could be remote name the model by `modelPath`.
        stats: z.preprocess(withModelRef, GenerationStatsSchema).nullable().default(null),
      createdAt: z.number(),
    }),
  ),
});
export type HistoryLine = z.infer<typeof HistoryLineSchema>;

export function headerLine(conversations: number, exportedAt: number): string {
  return JSON.stringify({ format: 'caliper.history', version: 1, exportedAt, conversations } satisfies z.infer<typeof HistoryHeaderSchema>);
}

export function conversationLine(conversation: Conversation, messages: Message[]): string {
  const line: HistoryLine = {
    conversation: {
      id: conversation.id,
      title: conversation.title,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      pinned: conversation.pinned,
      model: conversation.model,
      systemPrompt: conversation.systemPrompt,
      sampling: conversation.sampling,
      leafId: conversation.leafId,
    },
    messages: messages.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      reasoning: m.reasoning,
      status: m.status,
      error: m.error,
      stats: m.stats,
      createdAt: m.createdAt,
    })),
  };
  return JSON.stringify(line);
}
