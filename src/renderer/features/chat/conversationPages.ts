import type { Conversation, ConversationChange, ConversationCursor, ConversationPage } from '../../../shared/contract';

/**
 * The chat list as far as it is loaded: pages from `chat.list`, kept current by the changes
 * `chat.onDidChange` announces. Pure functions, so the merging rules are tested alone.
 */
export interface ListPages {
  items: Conversation[];
  /** Where the next page starts; null once the end was reached. */
  cursor: ConversationCursor | null;
  /** The first page arrived. */
  loaded: boolean;
}

export const emptyPages: ListPages = { items: [], cursor: null, loaded: false };

/** The server's order: pinned first, then the latest activity, then the id (descending). */
export function compareConversations(a: Conversation, b: Conversation): number {
  return Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `c` sorts before the next page would start, i.e. inside what is loaded. */
function withinLoaded(pages: ListPages, c: Conversation): boolean {
  if (pages.cursor === null) return true;
  const edge = pages.cursor;
  return compareConversations(c, { ...c, ...edge }) < 0 || c.id === edge.id;
}

/**
 * The newer of two copies of one conversation (a page read before a change can arrive after
 * it); on a tie, the one that came later, `b`.
 */
function newer(a: Conversation, b: Conversation): Conversation {
  return b.updatedAt >= a.updatedAt ? b : a;
}

/** Adds a page: `first` starts over, a later page appends; copies of one conversation merge. */
export function mergePage(pages: ListPages, page: ConversationPage, first: boolean): ListPages {
  const byId = new Map<string, Conversation>();
  for (const c of first ? [] : pages.items) byId.set(c.id, c);
  for (const c of page.conversations) byId.set(c.id, byId.has(c.id) ? newer(byId.get(c.id)!, c) : c);
  return { items: [...byId.values()].sort(compareConversations), cursor: page.nextCursor, loaded: true };
}

/**
 * Applies one announced change. A conversation that now sorts past the loaded pages is dropped
 * here: its page brings it when the list is scrolled that far, so it is neither lost nor doubled.
 */
export function applyChange(pages: ListPages, change: Exclude<ConversationChange, { type: 'reset' }>): ListPages {
  if (change.type === 'removed') return { ...pages, items: pages.items.filter((c) => c.id !== change.id) };
  const old = pages.items.find((c) => c.id === change.conversation.id);
  const next = old ? newer(old, change.conversation) : change.conversation;
  const others = pages.items.filter((c) => c.id !== next.id);
  if (!withinLoaded(pages, next)) return { ...pages, items: others };
  return { ...pages, items: [...others, next].sort(compareConversations) };
}
