import { z } from 'zod';
import { withModelRef, type Conversation, type Message } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { FileConversationSchema, FileMessageSchema, fileConversation, fileMessage } from './fileFormat';

/** The JSON a conversation exports to and imports from; versioned so later formats can migrate. */
export const ConversationExportSchema = z.object({
  format: z.literal('caliper.conversation'),
  version: z.literal(1),
  conversation: z.preprocess(withModelRef, FileConversationSchema),
  messages: z.array(FileMessageSchema).max(100_000),
});
export type ConversationExport = z.infer<typeof ConversationExportSchema>;

export function toExport(conversation: Conversation, messages: Message[]): ConversationExport {
  return { format: 'caliper.conversation', version: 1, conversation: fileConversation(conversation), messages: messages.map(fileMessage) };
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
