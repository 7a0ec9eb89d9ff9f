import type { ApiLogEntry } from '../../../shared/contract';

/** Rows asked per page of the log. */
export const LOG_PAGE = 100;
/** Live rows kept before the oldest are dropped (still reachable with "Load older"). */
export const LOG_LIVE_MAX = 1000;

export interface LogState {
  /** Newest first; null until the first page arrived. */
  entries: ApiLogEntry[] | null;
  /** Whether the host may hold rows older than the last one shown. */
  hasOlder: boolean;
}

export const initialLog: LogState = { entries: null, hasOlder: false };

/** Both lists merged, one row per id, newest first. */
function merge(current: readonly ApiLogEntry[], incoming: readonly ApiLogEntry[]): ApiLogEntry[] {
  const byId = new Map<number, ApiLogEntry>();
  for (const entry of current) byId.set(entry.id, entry);
  for (const entry of incoming) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/**
 * The newest page, as the view opens or reconnects: merged with what the live events already
 * brought, so neither path loses or doubles a row.
 */
export function withNewestPage(state: LogState, page: readonly ApiLogEntry[]): LogState {
  const entries = merge(state.entries ?? [], page);
  return { entries, hasOlder: state.entries === null ? page.length >= LOG_PAGE : state.hasOlder || page.length >= LOG_PAGE };
}

/**
 * One request that just finished. The list grows up to LOG_LIVE_MAX rows (or as far as the user
 * paged back), then drops its oldest, which "Load older" can fetch again.
 */
export function withLiveEntry(state: LogState, entry: ApiLogEntry): LogState {
  const current = state.entries ?? [];
  const entries = current.length > 0 && entry.id > current[0]!.id ? [entry, ...current] : merge(current, [entry]);
  const keep = Math.max(LOG_LIVE_MAX, current.length);
  if (entries.length <= keep) return { ...state, entries };
  return { entries: entries.slice(0, keep), hasOlder: true };
}

/** A page of older rows (asked with `beforeId` = the oldest id shown). */
export function withOlderPage(state: LogState, page: readonly ApiLogEntry[]): LogState {
  return { entries: merge(state.entries ?? [], page), hasOlder: page.length >= LOG_PAGE };
}

/**
 * True when ids were skipped between the newest row seen and `id`: a request logged while the
 * subscription was being set up. Ids grow by one per request, so a jump means a page should be asked.
 */
export function skipsRows(newestSeen: number | null, id: number): boolean {
  return newestSeen !== null && id > newestSeen + 1;
}

/** The `beforeId` that asks for the page after the last row shown. */
export function oldestId(state: LogState): number | undefined {
  return state.entries?.at(-1)?.id;
}
