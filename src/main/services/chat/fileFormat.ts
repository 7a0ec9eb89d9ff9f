import { z } from 'zod';
import {
  GenerationStatsSchema,
  MessageStatusSchema,
  ModelRefSchema,
  SamplingSchema,
  StoredErrorSchema,
  withModelRef,
  type Conversation,
  type Message,
} from '../../../shared/contract';

/*
 * A conversation and its messages as files carry them: one conversation's export
 * (`caliper.conversation`) and the whole history's (`caliper.history`) share these shapes, ids
 * kept, so a message reads the same from either file.
 */

const Id = z.string().min(1).max(64);

/** The conversation's own fields; files written before models could be remote carry `modelPath`. */
export const FileConversationSchema = z.object({
  title: z.string().max(200),
  systemPrompt: z.string().max(20_000),
  sampling: SamplingSchema,
  model: ModelRefSchema.nullable().default(null),
  createdAt: z.number(),
  leafId: Id.nullable(),
});

export const FileMessageSchema = z.object({
  id: Id,
  parentId: Id.nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string().max(1_000_000),
  reasoning: z.string().max(1_000_000).default(''),
  status: MessageStatusSchema,
  error: StoredErrorSchema.nullable().default(null),
  // Files written before models could be remote name the model by `modelPath`.
  stats: z.preprocess(withModelRef, GenerationStatsSchema).nullable().default(null),
  createdAt: z.number(),
});
export type FileMessage = z.infer<typeof FileMessageSchema>;

export function fileConversation(c: Conversation): z.infer<typeof FileConversationSchema> {
  return { title: c.title, systemPrompt: c.systemPrompt, sampling: c.sampling, model: c.model, createdAt: c.createdAt, leafId: c.leafId };
}

export function fileMessage(m: Message): FileMessage {
  return {
    id: m.id,
    parentId: m.parentId,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    status: m.status,
    error: m.error,
    stats: m.stats,
    createdAt: m.createdAt,
  };
}
