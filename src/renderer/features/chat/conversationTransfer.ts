import { openConversation } from '../../state/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { saveFile } from '../../platform/saveFile';
import { showProblem } from './chatStore';
import { putInList } from './conversationList';

/** Saves the conversation as a file through the browser's download. */
export async function exportConversation(client: CaliperClient, id: string, format: 'markdown' | 'json'): Promise<void> {
  try {
    saveFile(await client.chat.export({ id, format }));
  } catch (error) {
    showProblem(id, error);
  }
}

/** The contract takes at most 20 MB of text per import; larger files are refused before sending. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportOutcome = { ok: true } | { ok: false; tooLarge: boolean };

export async function importConversation(client: CaliperClient, file: File): Promise<ImportOutcome> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, tooLarge: true };
  try {
    const conversation = await client.chat.import({ content: await file.text() });
    putInList(conversation);
    openConversation(conversation.id);
    return { ok: true };
  } catch (error) {
    showProblem(null, error);
    return { ok: false, tooLarge: false };
  }
}
