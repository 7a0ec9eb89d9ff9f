import type { Conversation, Sampling } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { showProblem, useChatStore } from './chatStore';
import { putConversation } from './openConversations';

export type ConversationPatch = Partial<Pick<Conversation, 'title' | 'pinned' | 'model' | 'systemPrompt'>> & {
  sampling?: Partial<Sampling>;
};

/** Saves a change now; shows the error if it fails. */
export async function updateConversation(client: CaliperClient, id: string, patch: ConversationPatch): Promise<boolean> {
  try {
    putConversation(await client.chat.update({ id, ...patch }));
    return true;
  } catch (error) {
    showProblem(id, error);
    return false;
  }
}

/**
 * Edits typed into the side panel, saved shortly after the typing stops. A send waits for them
 * (`flushEdits`), so the answer always uses what is on screen.
 */
const pendingEdits = new Map<string, { patch: ConversationPatch; timer: ReturnType<typeof setTimeout>; client: CaliperClient }>();
const savingEdits = new Map<string, Promise<unknown>>();

export function queueEdit(client: CaliperClient, id: string, patch: ConversationPatch, delayMs = 500): void {
  const pending = pendingEdits.get(id);
  if (pending) clearTimeout(pending.timer);
  const merged: ConversationPatch = {
    ...pending?.patch,
    ...patch,
    ...(pending?.patch.sampling || patch.sampling ? { sampling: { ...pending?.patch.sampling, ...patch.sampling } } : {}),
  };
  // Shown at once; the server's answer replaces it.
  useChatStore.setState((s) => {
    const data = s.open[id];
    if (!data) return {};
    const conversation = {
      ...data.conversation,
      ...patch,
      sampling: { ...data.conversation.sampling, ...patch.sampling },
    } as Conversation;
    return { open: { ...s.open, [id]: { ...data, conversation } } };
  });
  pendingEdits.set(id, { patch: merged, client, timer: setTimeout(() => void flushEdits(id), delayMs) });
}

export async function flushEdits(id: string): Promise<void> {
  const pending = pendingEdits.get(id);
  if (pending) {
    clearTimeout(pending.timer);
    pendingEdits.delete(id);
    const saving = updateConversation(pending.client, id, pending.patch);
    savingEdits.set(id, saving);
    await saving;
    if (savingEdits.get(id) === saving) savingEdits.delete(id);
  } else {
    await savingEdits.get(id);
  }
}
