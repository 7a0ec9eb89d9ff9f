import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  GenerationStatsSchema,
  PaneConfigSchema,
  StoredErrorSchema,
  type GenerationStats,
  type PaneConfig,
  type Suite,
  type SuiteCell,
  type SuiteRun,
  type SuiteRunStatus,
  type SuiteRunSummary,
} from '../../../shared/contract';
import { readJson, Repository, writeJson } from '../../storage/repository';

interface RunRow {
  id: string;
  suite_id: string;
  name: string;
  prompts: string;
  configs: string;
  warm_up: number;
  status: SuiteRunStatus;
  created_at: number;
  finished_at: number | null;
}

interface CellRow {
  prompt_index: number;
  model_index: number;
  status: SuiteCell['status'];
  output: string;
  error: string | null;
  stats: string | null;
  peak_rss_bytes: number | null;
  settings_hash: string | null;
  finished_at: number | null;
}

export interface CellOutcome {
  status: 'done' | 'error';
  output: string;
  error: { code: string; detail: string } | null;
  stats: GenerationStats | null;
  peakRssBytes: number | null;
  settingsHash: string | null;
}

/** SQL for suites, their runs and the runs' cells. */
export class SuiteStore extends Repository {
  suites(): Suite[] {
    const rows = this.sql('SELECT * FROM suites ORDER BY updated_at DESC').all() as Array<Record<string, unknown>>;
    return rows.map(toSuite);
  }

  suite(id: string): Suite | null {
    const row = this.sql('SELECT * FROM suites WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toSuite(row) : null;
  }

  saveSuite(s: { id?: string; name: string; prompts: string[] }): Suite {
    const now = Date.now();
    const id = s.id ?? randomUUID();
    this.write(() =>
      this.sql(
        `INSERT INTO suites (id, name, prompts, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, prompts = excluded.prompts, updated_at = excluded.updated_at`,
      ).run(id, s.name, JSON.stringify(s.prompts), now, now),
    );
    return this.suite(id)!;
  }

  deleteSuite(id: string): void {
    this.write(() => this.sql('DELETE FROM suites WHERE id = ?').run(id));
  }

  /** The run and every one of its cells, pending, in one transaction. */
  insertRun(suite: Suite, configs: PaneConfig[], warmUp: boolean): string {
    const id = randomUUID();
    this.write(() => {
      this.sql(
        `INSERT INTO suite_runs (id, suite_id, name, prompts, configs, warm_up, status, created_at)
             VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      ).run(id, suite.id, suite.name, JSON.stringify(suite.prompts), JSON.stringify(configs), warmUp ? 1 : 0, Date.now());
      const cell = this.sql("INSERT INTO suite_cells (run_id, prompt_index, model_index, status) VALUES (?, ?, ?, 'pending')");
      for (let m = 0; m < configs.length; m++) for (let p = 0; p < suite.prompts.length; p++) cell.run(id, p, m);
    });
    return id;
  }

  runIds(statuses: SuiteRunStatus[]): string[] {
    const rows = this.sql(`SELECT id FROM suite_runs WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY created_at`).all(
      ...statuses,
    ) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  summaries(): SuiteRunSummary[] {
    const rows = this.sql('SELECT * FROM suite_runs ORDER BY created_at DESC').all() as RunRow[];
    return rows.map((r) => this.toSummary(r));
  }

  summary(id: string): SuiteRunSummary | null {
    const row = this.runRow(id);
    return row ? this.toSummary(row) : null;
  }

  run(id: string): SuiteRun | null {
    const row = this.runRow(id);
    if (!row) return null;
    return { ...this.toSummary(row), prompts: promptsOf(row.prompts), configs: configsOf(row), cells: this.cells(id) };
  }

  cells(runId: string): SuiteCell[] {
    const rows = this.sql('SELECT * FROM suite_cells WHERE run_id = ? ORDER BY model_index, prompt_index').all(runId) as CellRow[];
    return rows.map(toCell);
  }

  setStatus(id: string, status: SuiteRunStatus): void {
    this.write(() =>
      this.sql('UPDATE suite_runs SET status = ?, finished_at = ? WHERE id = ?').run(status, status === 'done' ? Date.now() : null, id),
    );
  }

  /** Writes a cell once: only a pending cell takes an outcome, so a re-run never overwrites. */
  finishCell(runId: string, promptIndex: number, modelIndex: number, o: CellOutcome): boolean {
    return (
      this.write(() =>
        this.sql(
          `UPDATE suite_cells SET status = ?, output = ?, error = ?, stats = ?, peak_rss_bytes = ?, settings_hash = ?, finished_at = ?
             WHERE run_id = ? AND prompt_index = ? AND model_index = ? AND status = 'pending'`,
        ).run(
          o.status,
          o.output,
          writeJson(o.error),
          writeJson(o.stats),
          o.peakRssBytes,
          o.settingsHash,
          Date.now(),
          runId,
          promptIndex,
          modelIndex,
        ),
      ).changes === 1
    );
  }

  deleteRun(id: string): void {
    this.write(() => this.sql('DELETE FROM suite_runs WHERE id = ?').run(id));
  }

  private runRow(id: string): RunRow | null {
    return (this.sql('SELECT * FROM suite_runs WHERE id = ?').get(id) as RunRow | undefined) ?? null;
  }

  private toSummary(r: RunRow): SuiteRunSummary {
    const counts = this.sql(
      `SELECT COUNT(*) AS total, SUM(status = 'done') AS done, SUM(status = 'error') AS failed FROM suite_cells WHERE run_id = ?`,
    ).get(r.id) as { total: number; done: number | null; failed: number | null };
    return {
      id: r.id,
      suiteId: r.suite_id,
      name: r.name,
      status: r.status,
      total: counts.total,
      done: counts.done ?? 0,
      failed: counts.failed ?? 0,
      models: configsOf(r).flatMap((c) => c.model ?? []),
      warmUp: r.warm_up === 1,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    };
  }
}

const promptsOf = (text: string): string[] => readJson(z.array(z.string()), text) ?? [];

function configsOf(r: RunRow): PaneConfig[] {
  return readJson(z.array(PaneConfigSchema), r.configs) ?? [];
}

function toSuite(r: Record<string, unknown>): Suite {
  return {
    id: r.id as string,
    name: r.name as string,
    prompts: promptsOf(r.prompts as string),
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

function toCell(r: CellRow): SuiteCell {
  return {
    promptIndex: r.prompt_index,
    modelIndex: r.model_index,
    status: r.status,
    output: r.output,
    error: readJson(StoredErrorSchema, r.error),
    stats: readJson(GenerationStatsSchema, r.stats),
    peakRssBytes: r.peak_rss_bytes,
    settingsHash: r.settings_hash,
    finishedAt: r.finished_at,
  };
}
