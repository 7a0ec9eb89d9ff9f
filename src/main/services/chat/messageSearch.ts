import { modelKey, type SearchCursor, type SearchHit, type SearchInputSchema, type SearchPage } from '../../../shared/contract';
import type { Db } from '../../storage/database';
import { isShortCjk } from '../../storage/cjkGrams';
import { charLength, scoreCandidates, searchTerms, snippetOf, termPatterns } from './searchText';

/** How many of the newest matches are ranked together; the page comes from the best of them. */
export const RANK_WINDOW = 1000;
/** The most index entries one window reads when filters or short terms reject most of them. */
export const WINDOW_BUDGET = 5_000;
/** How many of the most recent messages a short non-CJK query (no index can find "AI") reads. */
export const RECENT_SCAN = 100_000;
/** Windows one call may read to fill its page; then it returns what it has, with a cursor. */
const WINDOWS_PER_CALL = 2;

type SearchOptions = ReturnType<typeof SearchInputSchema.parse>;

interface Candidate {
  rowid: number;
  id: string;
  conversation_id: string;
  role: 'user' | 'assistant';
  content: string;
  created_at: number;
}

interface Window {
  candidates: Candidate[];
  /** Where the next window starts (exclusive), or null when the index has nothing older. */
  next: number | null;
}

/**
 * Message search that stays fast however long the history grows. An index lists the matching
 * messages newest first and the search stops after `RANK_WINDOW` of them (`ORDER BY rowid DESC
 * LIMIT` on the FTS table, which walks its doclists backwards), so a word in half of a million
 * messages costs what a rare one does. That window is ranked (BM25's term frequency and length
 * normalisation, then recency) and the page is cut from it; later pages continue in the window,
 * then in the next older one. When fewer than `RANK_WINDOW` messages match, which is most
 * queries, that is the best-first order over the whole history.
 *
 * Indexes: the trigram FTS table for terms of three characters or more; `messages_cjk` (each CJK
 * character and pair) for one- and two-character Chinese terms; for one conversation, its own
 * messages. Short terms that are not CJK ("AI") have no index: they scan the most recent
 * messages only, and the page says so (`scope: 'recent'`). Filters and the terms the index did
 * not cover are checked on the rows the index gives, at most `WINDOW_BUDGET` rows a window.
 */
export class MessageSearch {
  constructor(private readonly db: Db) {}

  search(options: SearchOptions): SearchPage {
    const terms = searchTerms(options.query);
    const patterns = termPatterns(terms);
    const top = (this.db.prepare('SELECT max(rowid) FROM messages').pluck().get() as number | null) ?? 0;
    const floor = options.cursor ? options.cursor.floor : Math.max(0, top + 1 - RECENT_SCAN);
    const plan = this.plan(terms, options, floor ?? 0);
    let bound: number | null = options.cursor?.bound ?? top + 1;
    let offset = options.cursor?.offset ?? 0;

    const hits: Candidate[] = [];
    let nextCursor: SearchCursor | null = null;
    for (let read = 0; read < WINDOWS_PER_CALL && bound !== null && hits.length < options.limit; read++) {
      const window = this.window(plan, bound);
      const scores = scoreCandidates(
        window.candidates.map((c) => c.content),
        patterns,
      );
      const ranked = window.candidates
        .map((c, i) => ({ c, score: scores[i]! }))
        .sort((a, b) => b.score - a.score || b.c.created_at - a.c.created_at || b.c.rowid - a.c.rowid);
      const taken = ranked.slice(offset, offset + options.limit - hits.length).map((r) => r.c);
      hits.push(...taken);
      offset += taken.length;
      if (offset < ranked.length) {
        nextCursor = { bound, offset, floor };
        break;
      }
      bound = window.next;
      offset = 0;
      nextCursor = bound === null ? null : { bound, offset, floor };
    }
    return { hits: this.describe(hits, patterns), nextCursor, scope: plan.scope };
  }

  /** The candidates below `bound`: the first `RANK_WINDOW` that pass, or what `WINDOW_BUDGET` rows gave. */
  private window(plan: Plan, bound: number): Window {
    const candidates: Candidate[] = [];
    let examined = 0;
    let below = bound;
    while (examined < WINDOW_BUDGET) {
      const chunk = Math.min(WINDOW_BUDGET - examined, plan.filtered ? 2 * RANK_WINDOW : RANK_WINDOW - candidates.length);
      const rowids = plan.rowids.all({ ...plan.params, bound: below, chunk }) as number[];
      examined += rowids.length;
      if (rowids.length === 0) return { candidates, next: null };
      const rows = plan.rows.all({ ...plan.params, rowids: JSON.stringify(rowids) }) as Candidate[];
      for (const row of rows) {
        candidates.push(row);
        // The window ends at its last candidate, so reading it again gives the same window.
        if (candidates.length === RANK_WINDOW) return { candidates, next: row.rowid };
      }
      below = rowids.at(-1)!;
      if (rowids.length < chunk) return { candidates, next: null };
    }
    return { candidates, next: below };
  }

  private plan(terms: string[], options: SearchOptions, floor: number): Plan {
    const params: Record<string, unknown> = {};
    const where: string[] = [];
    let join = '';
    if (options.role) {
      where.push('m.role = @role');
      params.role = options.role;
    }
    if (options.source !== 'all') {
      join = 'JOIN conversations c ON c.id = m.conversation_id';
      where.push('c.kind = @kind');
      params.kind = options.source;
    }
    if (options.model) {
      // One key per model, as arena votes use (answers from before remote engines were read into it by migration 10).
      where.push(`json_valid(m.stats) AND coalesce(m.stats ->> '$.model.path', 'remote:' || (m.stats ->> '$.model.connectionId') || '/' || (m.stats ->> '$.model.model')) = @model`);
      params.model = modelKey(options.model);
    }
    const long = terms.filter((t) => charLength(t) >= 3);
    const cjk = terms.filter(isShortCjk);
    let rowids: string;
    let scope: Plan['scope'] = 'all';
    let covered: string[] = [];
    if (options.conversationId) {
      // One conversation: its own messages are few enough to read, whatever the terms.
      params.conversationId = options.conversationId;
      rowids = `SELECT rowid FROM messages WHERE conversation_id = @conversationId AND rowid < @bound ORDER BY rowid DESC LIMIT @chunk`;
    } else if (long.length > 0 || cjk.length > 0) {
      const [table, indexed] = long.length > 0 ? ['messages_fts', long] : ['messages_cjk', cjk];
      covered = indexed;
      params.match = indexed.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
      rowids = `SELECT rowid FROM ${table} WHERE ${table} MATCH @match AND rowid < @bound ORDER BY rowid DESC LIMIT @chunk`;
    } else {
      scope = 'recent';
      params.floor = floor;
      rowids = `SELECT rowid FROM messages WHERE rowid < @bound AND rowid >= @floor ORDER BY rowid DESC LIMIT @chunk`;
    }
    terms
      .filter((t) => !covered.includes(t))
      .forEach((term, i) => {
        where.push(`m.content LIKE @like${i} ESCAPE '\\'`);
        params[`like${i}`] = `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      });
    return {
      rowids: this.db.prepare(rowids).pluck(),
      rows: this.db.prepare(
        `SELECT m.rowid AS rowid, m.id, m.conversation_id, m.role, m.content, m.created_at FROM messages m ${join}
         WHERE m.rowid IN (SELECT value FROM json_each(@rowids))${where.map((w) => ` AND ${w}`).join('')}
         ORDER BY m.rowid DESC`,
      ),
      params,
      filtered: where.length > 0,
      scope,
    };
  }

  private describe(rows: Candidate[], patterns: RegExp[]): SearchHit[] {
    const conversation = this.db.prepare(
      `SELECT title, kind, (SELECT comparison_id FROM comparison_panes WHERE conversation_id = c.id LIMIT 1) AS comparison_id
       FROM conversations c WHERE id = ?`,
    );
    return rows.map((r) => {
      const c = conversation.get(r.conversation_id) as { title: string; kind: SearchHit['kind']; comparison_id: string | null };
      return {
        conversationId: r.conversation_id,
        messageId: r.id,
        title: c.title,
        role: r.role,
        createdAt: r.created_at,
        kind: c.kind,
        comparisonId: c.comparison_id,
        ...snippetOf(r.content, patterns),
      };
    });
  }
}

interface Plan {
  /** Matching rowids below `@bound`, newest first, `@chunk` at a time. */
  rowids: ReturnType<Db['prepare']>;
  /** The rows among `@rowids` that pass the filters and the terms the index did not check. */
  rows: ReturnType<Db['prepare']>;
  params: Record<string, unknown>;
  filtered: boolean;
  scope: 'all' | 'recent';
}
