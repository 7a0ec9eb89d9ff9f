import { create } from 'zustand';
import type { Conversation, Message } from '../../../shared/contract';
import { emptyPages, type ListPages } from './conversationPages';

/*
 * Chat's shared state. The functions that change it live by job: the list (conversationList.ts),
 * open conversations and their trees (openConversations.ts), settings edits (conversationEdits.ts),
 * new and deleted conversations (conversationActions.ts), answers being written (generation.ts),
 * search hits (highlight.ts), files (conversationTransfer.ts). The picker's models are a query
 * (chatModels.ts).
 */

/**
 * One conversation as loaded: the conversation and the part of its tree fetched so far (the shown
 * branch from its end up to where the reader scrolled, and the siblings of those messages).
 */
export interface ConversationData {
  conversation: Conversation;
  messages: Record<string, Message>;
}

/** Conversations per list page, messages per branch window: a screen or two of each. */
export const LIST_PAGE = 50;
export const MESSAGE_WINDOW = 60;

/** What the header, the panel and the composer need: a new leaf or timestamp does not change it. */
export type ConversationInfo = Pick<Conversation, 'id' | 'title' | 'pinned' | 'model' | 'systemPrompt' | 'sampling' | 'createdAt'>;

/** For a shallow-compared selector: the same fields give an equal object. */
export function conversationInfo(c: Conversation | undefined): ConversationInfo | null {
  return c
    ? {
        id: c.id,
        title: c.title,
        pinned: c.pinned,
        model: c.model,
        systemPrompt: c.systemPrompt,
        sampling: c.sampling,
        createdAt: c.createdAt,
      }
    : null;
}

/** A failed action, shown above the composer of the conversation it belongs to. */
export interface ChatProblem {
  conversationId: string | null;
  error: unknown;
}

interface ChatState {
  /** The chat list as far as it is loaded, kept current by `chat.onDidChange`. */
  pages: ListPages;
  listLoading: boolean;
  listError: unknown;
  /** Loaded conversations: the one shown and any still generating in the background. */
  open: Record<string, ConversationData>;
  /** Why the shown conversation could not be opened. */
  openError: { id: string; error: unknown } | null;
  /** Conversations with an answer being written from this window. */
  generating: Record<string, true>;
  problem: ChatProblem | null;
  /** A message to scroll to and mark (a search hit); `nonce` repeats a click on the same hit. */
  highlight: { conversationId: string; messageId: string; nonce: number } | null;
}

export const useChatStore = create<ChatState>()(() => ({
  pages: emptyPages,
  listLoading: false,
  listError: null,
  open: {},
  openError: null,
  generating: {},
  problem: null,
  highlight: null,
}));

/** Shows a failed action above the composer of its conversation (null: whichever is shown). */
export function showProblem(conversationId: string | null, error: unknown): void {
  useChatStore.setState({ problem: { conversationId, error } });
}

export function dismissProblem(): void {
  useChatStore.setState({ problem: null });
}
