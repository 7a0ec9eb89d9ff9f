import { z } from 'zod';
import {
  GenerationStatsSchema,
  MessageStatusSchema,
  ModelRefSchema,
  SamplingSchema,
  withModelRef,
  type Conversation,
  type Message,
} from '../../../shared/contract';
import { appError } from '../../base/appError';

/** The JSON a conversation exports to and imports from; versioned so later formats can migrate. */
export const ConversationExportSchema = z.object({
  format: z.literal('caliper.conversation'),
  version: z.literal(1),
  // Files written before models could be remote carry `modelPath`.
  conversation: z.preprocess(withModelRef, z.object({
    title: z.string().max(200),
    systemPrompt: z.string().max(20_000),
    sampling: SamplingSchema,
    model: ModelRefSchema.nullable().default(null),
    createdAt: z.number(),
    leafId: z.string().max(64).nullable(),
  })),
  messages: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        parentId: z.string().max(64).nullable(),
        role: z.enum(['user', 'assistant']),
        content: z.string().max(1_000_000),
        reasoning: z.string().max(1_000_000).default(''),
        status: MessageStatusSchema,
        // Files written before models could be remote name the model by `modelPath`.
        stats: z.preprocess(withModelRef, GenerationStatsSchema).nullable().default(null),
        createdAt: z.number(),
      }),
    )
    .max(100_000),
});
export type ConversationExport = z.infer<typeof ConversationExportSchema>;

export function toExport(conversation: Conversation, messages: Message[]): ConversationExport {
  return {
    format: 'caliper.conversation',
    version: 1,
    conversation: {
      title: conversation.title,
      systemPrompt: conversation.systemPrompt,
      sampling: conversation.sampling,
      model: conversation.model,
      createdAt: conversation.createdAt,
      leafId: conversation.leafId,
    },
    messages: messages.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      reasoning: m.reasoning,
      status: m.status,
      stats: m.stats,
      createdAt: m.createdAt,
    })),
  };
}

/** The shown branch as Markdown, for reading and sharing. */
export function toMarkdown(conversation: Conversation, branch: Message[], untitled: string): string {
  const lines = [`# ${conversation.title || untitled}`, ''];
  if (conversation.systemPrompt) lines.push('> System: ' + conversation.systemPrompt.replace(/\n/g, '\n> '), '');
  for (const m of branch) {
    lines.push(`## ${m.role === 'user' ? 'User' : 'Assistant'}`, '');
    if (m.reasoning) lines.push('<details><summary>Thought</summary>', '', m.reasoning, '', '</details>', '');
    lines.push(m.content, '');
    if (m.stats) {
      const s = m.stats;
      const parts = [
        s.ttftMs !== null ? `TTFT ${Math.round(s.ttftMs)} ms` : null,
        s.generationTokensPerSecond !== null ? `${s.generationTokensPerSecond.toFixed(1)} tok/s` : null,
        `${s.generatedTokens} tokens`,
        `stop: ${s.stopReason}`,
      ].filter(Boolean);
      lines.push(`*${parts.join(' · ')}*`, '');
    }
  }
  return lines.join('\n');
}

/** Parses and checks an export: valid JSON, the schema, parents that exist, no cycles. */
export function parseExport(content: string): ConversationExport {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw appError('IMPORT_INVALID', { issues: [{ path: '', message: (error as Error).message.slice(0, 200) }] });
  }
  const parsed = ConversationExportSchema.safeParse(raw);
  if (!parsed.success) {
    throw appError('IMPORT_INVALID', {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const ids = new Set(parsed.data.messages.map((m) => m.id));
  if (ids.size !== parsed.data.messages.length) {
    throw appError('IMPORT_INVALID', { issues: [{ path: 'messages', message: 'duplicate message ids' }] });
  }
  for (const m of parsed.data.messages) {
    if (m.parentId !== null && !ids.has(m.parentId)) {
      throw appError('IMPORT_INVALID', { issues: [{ path: `messages.${m.id}.parentId`, message: 'unknown parent' }] });
    }
  }
  return parsed.data;
}

/** Messages ordered so every parent comes before its children; throws on a cycle. */
export function parentsFirst<T extends { id: string; parentId: string | null }>(messages: T[]): T[] {
  const ordered: T[] = [];
  const placed = new Set<string>();
  let pending = messages;
  while (pending.length > 0) {
    const next = pending.filter((m) => m.parentId === null || placed.has(m.parentId));
    if (next.length === 0) throw appError('IMPORT_INVALID', { issues: [{ path: 'messages', message: 'parent cycle' }] });
    for (const m of next) {
      placed.add(m.id);
      ordered.push(m);
    }
    pending = pending.filter((m) => !placed.has(m.id));
  }
  return ordered;
}
