import type { HistoryExportEvent } from '../../../shared/contract';
import type { ChatStore } from '../chat/chatStore';
import { conversationLine, headerLine } from './historyFormat';

/** Conversations read per query; a chunk is sent once this much text is ready. */
const BATCH = 100;
const CHUNK_CHARS = 256 * 1024;

/**
 * The whole chat history as `caliper.history` JSON Lines, a chunk at a time: the host holds one
 * chunk, never the file. Conversations are walked in the order they were written (rowid), so a
 * conversation created during the export is either in it or not, never twice. Each conversation
 * is read in one statement; the export does not freeze the others while it runs.
 */
export async function* exportHistory(
  store: Pick<ChatStore, 'count' | 'chatConversationsAfter' | 'messages'>,
  signal?: AbortSignal,
  now = Date.now,
): AsyncGenerator<HistoryExportEvent> {
  const total = store.count().chatConversations;
  let text = headerLine(total, now()) + '\n';
  let done = 0;
  let messages = 0;
  let after = 0;
  for (;;) {
    const batch = store.chatConversationsAfter(after, BATCH);
    if (batch.length === 0) break;
    for (const { rowid, conversation } of batch) {
      after = rowid;
      const tree = store.messages(conversation.id);
      messages += tree.length;
      done++;
      text += conversationLine(conversation, tree) + '\n';
      if (text.length >= CHUNK_CHARS) {
        yield { type: 'chunk', text, done, total };
        text = '';
        if (signal?.aborted) return;
      }
    }
  }
  if (text) yield { type: 'chunk', text, done, total };
  yield { type: 'end', conversations: done, messages };
}
