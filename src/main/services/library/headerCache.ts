import { GgufFactsSchema, GgufProblemSchema, type GgufFacts } from '../../../shared/contract';
import { Repository } from '../../storage/repository';
import type { HeaderResult } from './headerReaderPool';

/** Bump when what ggufFacts derives changes, so rows written by an older reader are re-read. */
const FACTS_VERSION = 2;

/**
 * Header facts cached in SQLite and trusted only while the file's size and mtime are unchanged
 * and they were derived by the current reader.
 */
export class HeaderCache extends Repository {
  get(path: string, size: number, mtimeMs: number): HeaderResult | null {
    const row = this.sql<[string], { size: number; mtime_ms: number; facts: string | null; problem: string | null }>(
      'SELECT size, mtime_ms, facts, problem FROM gguf_headers WHERE path = ?',
    ).get(path);
    if (!row || row.size !== size || row.mtime_ms !== Math.trunc(mtimeMs)) return null;
    // A cache row written by an older schema is simply re-read.
    const stored = JSON.parse(row.facts ?? row.problem ?? 'null') as { v?: number; value?: unknown } | null;
    if (stored?.v !== FACTS_VERSION) return null;
    if (row.facts) {
      const facts = GgufFactsSchema.safeParse(stored.value);
      return facts.success ? { facts: facts.data, problem: null } : null;
    }
    const problem = GgufProblemSchema.safeParse(stored.value);
    return problem.success ? { facts: null, problem: problem.data } : null;
  }

  /** The facts last read for a path, whether or not the file changed since (labels only). */
  lookup(path: string): GgufFacts | null {
    const row = this.sql<[string], { facts: string | null }>('SELECT facts FROM gguf_headers WHERE path = ?').get(path);
    const stored = row?.facts ? (JSON.parse(row.facts) as { v?: number; value?: unknown }) : null;
    const facts = stored?.v === FACTS_VERSION ? GgufFactsSchema.safeParse(stored.value) : null;
    return facts?.success ? facts.data : null;
  }

  forget(path: string): void {
    this.write(() => this.sql('DELETE FROM gguf_headers WHERE path = ?').run(path));
  }

  put(path: string, size: number, mtimeMs: number, result: HeaderResult): void {
    // Timeouts depend on load, not on the file: do not remember them.
    if (result.problem?.code === 'READ_TIMEOUT') return;
    try {
      this.sql(
        `INSERT INTO gguf_headers (path, size, mtime_ms, facts, problem, read_at) VALUES (@path, @size, @mtime, @facts, @problem, @readAt)
         ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
           facts = excluded.facts, problem = excluded.problem, read_at = excluded.read_at`,
      ).run({
        path,
        size,
        mtime: Math.trunc(mtimeMs),
        facts: result.facts ? JSON.stringify({ v: FACTS_VERSION, value: result.facts }) : null,
        problem: result.problem ? JSON.stringify({ v: FACTS_VERSION, value: result.problem }) : null,
        readAt: Date.now(),
      });
    } catch {
      // A cache that cannot be written (full disk) only costs a re-read next time.
    }
  }
}
