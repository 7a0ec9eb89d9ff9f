import { create } from 'zustand';
import type { ModelRef, SearchCursor, SearchHit, SearchInput } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';

export interface SearchFilters {
  source: 'all' | 'chat' | 'compare';
  role: 'any' | 'user' | 'assistant';
  /** Answers written by this model. */
  model: ModelRef | null;
  /** Only the conversation shown (when one is). */
  here: boolean;
}

interface SearchState {
  query: string;
  filters: SearchFilters;
  hits: SearchHit[] | null;
  cursor: SearchCursor | null;
  /** `recent`: a short non-CJK query looked at recent messages only. */
  scope: 'all' | 'recent';
  busy: boolean;
  error: unknown;
  /** Bumped by "Search conversations" (palette, shortcut): the search box takes the focus. */
  focusRequest: number;
}

export const defaultFilters: SearchFilters = { source: 'all', role: 'any', model: null, here: false };

export const useSearchStore = create<SearchState>()(() => ({
  query: '',
  filters: defaultFilters,
  hits: null,
  cursor: null,
  scope: 'all',
  busy: false,
  error: null,
  focusRequest: 0,
}));

export function requestSearchFocus(): void {
  set((s) => ({ focusRequest: s.focusRequest + 1 }));
}

const set = useSearchStore.setState;
const get = useSearchStore.getState;

/** Hits per page: a screen of them, more as the reader scrolls. */
const PAGE = 30;
let run = 0;

/** What the server is asked: typed whitespace (a pasted newline) becomes a space, filters as set. */
function inputFor(query: string, filters: SearchFilters, shownId: string | null): SearchInput {
  return {
    query: query.replace(/\s+/g, ' ').trim().slice(0, 200),
    source: filters.source,
    ...(filters.role !== 'any' ? { role: filters.role } : {}),
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.here && shownId ? { conversationId: shownId } : {}),
    limit: PAGE,
  };
}

export function setFilters(patch: Partial<SearchFilters>): void {
  set((s) => ({ filters: { ...s.filters, ...patch } }));
}

/** Searches from the first page; an empty query clears the results. */
export async function search(client: CaliperClient, query: string, shownId: string | null): Promise<void> {
  const mine = ++run;
  const input = inputFor(query, get().filters, shownId);
  if (!input.query) {
    set({ query, hits: null, cursor: null, busy: false, error: null, scope: 'all' });
    return;
  }
  set({ query, busy: true, error: null });
  try {
    const page = await client.chat.search(input);
    if (mine !== run) return;
    set({ hits: page.hits, cursor: page.nextCursor, scope: page.scope, busy: false });
  } catch (error) {
    if (mine === run) set({ hits: null, cursor: null, error, busy: false });
  }
}

/** The next page of hits, when the reader scrolls to the end of them. */
export async function loadMoreHits(client: CaliperClient, shownId: string | null): Promise<void> {
  const { cursor, busy, query, filters } = get();
  if (!cursor || busy) return;
  const mine = ++run;
  set({ busy: true });
  try {
    const page = await client.chat.search({ ...inputFor(query, filters, shownId), cursor });
    if (mine !== run) return;
    set((s) => ({ hits: [...(s.hits ?? []), ...page.hits], cursor: page.nextCursor, busy: false }));
  } catch (error) {
    if (mine === run) set({ error, busy: false });
  }
}
