import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CompactEvent, CompactStep, StorageInfo } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { freeBytes } from '../../base/files';
import type { Db } from '../../storage/database';
import { guardedWrite } from '../../storage/storageError';

export interface StorageServiceDeps {
  db: Db;
  file: string;
  counts: () => { conversations: number; messages: number };
  /** Whether an answer is being written (compacting would stall it) or a history import is open. */
  busy: () => 'GENERATING' | 'IMPORTING' | null;
  freeBytes?: (dir: string) => Promise<number>;
  now?: () => number;
}

/** The full-text indexes, merged at quiet times and optimised when compacting. */
const FTS_TABLES = ['messages_fts', 'messages_cjk'] as const;
/** Pages of index one merge step writes; a step takes milliseconds. */
const MERGE_PAGES = 64;
/** How long one quiet tick may spend merging before it lets other work in. */
const MERGE_BUDGET_MS = 40;
const TICK_MS = 30_000;
const OPTIMIZE_EVERY_MS = 6 * 3600_000;

/**
 * The database's health: its size, compacting on request (the indexes merged, VACUUM, the
 * write-ahead log truncated), and small upkeep at quiet times. better-sqlite3 is synchronous, so
 * every step blocks the host while it runs: upkeep is cut into steps of a few milliseconds, run
 * only when nothing was written since the last tick; compacting says which step it is in.
 */
export class StorageService {
  private compactingNow = false;
  private lastChanges = -1;
  /** Writes happened since the indexes were last fully merged. */
  private mergeDue = true;
  private lastOptimize = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly freeBytes: (dir: string) => Promise<number>;
  private readonly now: () => number;

  constructor(private readonly deps: StorageServiceDeps) {
    this.freeBytes = deps.freeBytes ?? freeBytes;
    this.now = deps.now ?? Date.now;
  }

  get compacting(): boolean {
    return this.compactingNow;
  }

  info(): StorageInfo {
    const pageSize = this.deps.db.pragma('page_size', { simple: true }) as number;
    const free = this.deps.db.pragma('freelist_count', { simple: true }) as number;
    return {
      databaseBytes: fileSize(this.deps.file) + fileSize(`${this.deps.file}-wal`),
      reclaimableBytes: free * pageSize,
      ...this.deps.counts(),
      compacting: this.compactingNow,
    };
  }

  /** VACUUM needs room for a second copy (the temporary database) and the log that replaces the file. */
  async *compact(): AsyncGenerator<CompactEvent> {
    if (this.compactingNow) throw appError('STORAGE_BUSY', { reason: 'COMPACTING' });
    const busy = this.deps.busy();
    if (busy) throw appError('STORAGE_BUSY', { reason: busy });
    // Taken before the first await, so a second request meanwhile is refused, not run twice.
    this.compactingNow = true;
    try {
      const db = this.deps.db;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const used = ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
      const folder = dirname(this.deps.file);
      const available = await this.freeBytes(folder);
      if (available < used * 2) throw appError('NOT_ENOUGH_SPACE', { neededBytes: used * 2, availableBytes: available, folder });

      const beforeBytes = this.info().databaseBytes;
      const steps: Array<[CompactStep, () => void]> = [
        ['index', () => FTS_TABLES.forEach((t) => db.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run())],
        ['vacuum', () => db.exec('VACUUM')],
        ['checkpoint', () => db.pragma('wal_checkpoint(TRUNCATE)')],
      ];
      for (const [index, [step, run]] of steps.entries()) {
        yield { type: 'step', step, index, count: steps.length };
        // Let the event go out before the host is busy with the step.
        await new Promise((resolve) => setImmediate(resolve));
        guardedWrite(run);
      }
      this.optimize();
      this.mergeDue = false;
      yield { type: 'done', beforeBytes, afterBytes: this.info().databaseBytes };
    } finally {
      this.compactingNow = false;
    }
  }

  /**
   * One quiet-time tick: if nothing was written since the last one and nothing else is busy,
   * merge index segments for at most `MERGE_BUDGET_MS`, and refresh the planner's statistics
   * every few hours. Returns what it did, for tests and logs.
   */
  maintain(): 'busy' | 'merged' | 'optimized' | 'idle' {
    const db = this.deps.db;
    const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
    const quiet = changes === this.lastChanges;
    if (changes !== this.lastChanges) this.mergeDue = true;
    this.lastChanges = changes;
    if (!quiet || this.compactingNow || this.deps.busy()) return 'busy';
    if (this.mergeDue) {
      const started = this.now();
      let working = true;
      while (working && this.now() - started < MERGE_BUDGET_MS) {
        working = false;
        for (const table of FTS_TABLES) {
          const before = db.prepare('SELECT total_changes()').pluck().get() as number;
          guardedWrite(() => db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`).run(MERGE_PAGES));
          // FTS5: fewer than two rows changed means there was nothing left to merge.
          if ((db.prepare('SELECT total_changes()').pluck().get() as number) - before >= 2) working = true;
        }
      }
      this.mergeDue = working;
      // Our own merging is not the user's writing.
      this.lastChanges = db.prepare('SELECT total_changes()').pluck().get() as number;
      return 'merged';
    }
    if (this.now() - this.lastOptimize >= OPTIMIZE_EVERY_MS) {
      this.optimize();
      return 'optimized';
    }
    return 'idle';
  }

  start(): void {
    this.timer ??= setInterval(() => {
      try {
        this.maintain();
      } catch {
        // Upkeep failing (a full disk) must not take the host down; the next tick tries again.
      }
    }, TICK_MS);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private optimize(): void {
    // A bounded ANALYZE: `analysis_limit` keeps it to milliseconds even on a million rows.
    this.deps.db.pragma('analysis_limit = 400');
    this.deps.db.pragma('optimize');
    this.lastOptimize = this.now();
  }
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
