import { sameModel, type ModelRef } from '../../../shared/contract';
import { navigate, openConversation, routeHref } from '../../state/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { showProblem, useChatStore } from './chatStore';
import { updateConversation } from './conversationEdits';
import { putInList, reusableConversation } from './conversationList';
import { applyChange } from './conversationPages';
import { stopGeneration } from './generation';

const set = useChatStore.setState;
const get = useChatStore.getState;

export async function createConversation(client: CaliperClient, model: ModelRef | null): Promise<void> {
  try {
    const empty = reusableConversation(get().pages.items);
    if (empty && !get().generating[empty.id]) {
      if (model && !sameModel(empty.model, model)) await updateConversation(client, empty.id, { model });
      openConversation(empty.id);
      return;
    }
    const conversation = await client.chat.create({ model });
    set((s) => ({ open: { ...s.open, [conversation.id]: { conversation, messages: {} } } }));
    putInList(conversation);
    openConversation(conversation.id);
  } catch (error) {
    showProblem(null, error);
  }
}

export async function deleteConversation(client: CaliperClient, id: string, shownId: string | null): Promise<void> {
  try {
    stopGeneration(id);
    await client.chat.delete({ id });
    set((s) => {
      const open = { ...s.open };
      delete open[id];
      return { open, pages: applyChange(s.pages, { type: 'removed', id }) };
    });
    if (shownId === id) navigate(routeHref('chat'), { replace: true });
  } catch (error) {
    showProblem(id, error);
  }
}
