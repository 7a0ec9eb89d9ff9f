import type { Message } from '../../../shared/contract';

/** Clock noise allowed between creating a conversation and writing its first message. */
const SLACK_MS = 1000;

/**
 * Whether the conversation came from a file: an import keeps each message's original time but the
 * conversation itself is created when imported, so its messages are older than it. A conversation
 * written here never has a message older than itself.
 */
export function isImported(conversationCreatedAt: number, messages: Iterable<Message>): boolean {
  for (const m of messages) if (m.createdAt < conversationCreatedAt - SLACK_MS) return true;
  return false;
}
