import { z } from 'zod';
import { withModelRef, type Conversation, type Message } from '../../../shared/contract';
import { FileConversationSchema, FileMessageSchema, fileConversation, fileMessage } from '../chat/fileFormat';

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

export const HistoryLineSchema = z.object({
  conversation: z.preprocess(
    withModelRef,
    FileConversationSchema.extend({ id: z.string().min(1).max(64), updatedAt: z.number(), pinned: z.boolean() }),
  ),
  messages: z.array(FileMessageSchema),
});
export type HistoryLine = z.infer<typeof HistoryLineSchema>;

export function headerLine(conversations: number, exportedAt: number): string {
  return JSON.stringify({ format: 'caliper.history', version: 1, exportedAt, conversations } satisfies z.infer<typeof HistoryHeaderSchema>);
}

export function conversationLine(conversation: Conversation, messages: Message[]): string {
  const line: HistoryLine = {
    conversation: {
      ...fileConversation(conversation),
      id: conversation.id,
      updatedAt: conversation.updatedAt,
      pinned: conversation.pinned,
    },
    messages: messages.map(fileMessage),
  };
  return JSON.stringify(line);
}
