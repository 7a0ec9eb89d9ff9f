import { randomUUID } from 'node:crypto';
import {
  CompareOptionsSchema,
  GenerationStatsSchema,
  StoredErrorSchema,
  LoadSettingsPatchSchema,
  type CompareOptions,
  type CompareResult,
  type CompareVote,
  type LoadSettings,
  type VoteOutcome,
} from '../../../shared/contract';
import { readJson, Repository, writeJson } from '../../storage/repository';
import type { Vote } from './bradleyTerry';

export interface ComparisonRow {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  options: CompareOptions;
  revealed: boolean;
}

export interface PaneRow {
  position: number;
  conversationId: string;
  load: Partial<LoadSettings>;
}

interface ResultRow {
  id: string;
  round: number;
  position: number;
  prompt: string;
  output: string;
  reasoning: string;
  status: CompareResult['status'];
  error: string | null;
  stats: string | null;
  peak_rss_bytes: number | null;
  settings_hash: string;
  run_mode: CompareResult['runMode'];
  warm_up: number;
  created_at: number;
}

/** SQL for comparisons, their panes, results and arena votes; failures become typed errors. */
export class CompareStore extends Repository {
  list(): ComparisonRow[] {
    const rows = this.sql('SELECT * FROM comparisons ORDER BY updated_at DESC').all() as Array<Record<string, unknown>>;
    return rows.map(toComparison);
  }

  comparison(id: string): ComparisonRow | null {
    const row = this.sql('SELECT * FROM comparisons WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toComparison(row) : null;
  }

  insert(c: Omit<ComparisonRow, 'id' | 'createdAt' | 'updatedAt'>, panes: PaneRow[]): string {
    const id = randomUUID();
    const now = Date.now();
    this.write(() => {
      this.sql('INSERT INTO comparisons (id, title, created_at, updated_at, options, revealed) VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        c.title,
        now,
        now,
        JSON.stringify(c.options),
        c.revealed ? 1 : 0,
      );
      for (const p of panes) this.insertPane(id, p);
    });
    return id;
  }

  update(id: string, patch: Partial<Pick<ComparisonRow, 'title' | 'options' | 'revealed'>>): void {
    const current = this.comparison(id);
    if (!current) return;
    const next = { ...current, ...patch };
    this.write(() =>
      this.sql('UPDATE comparisons SET title = ?, options = ?, revealed = ?, updated_at = ? WHERE id = ?').run(
        next.title,
        JSON.stringify(next.options),
        next.revealed ? 1 : 0,
        Date.now(),
        id,
      ),
    );
  }

  /** Removes the comparison and its panes' conversations; arena votes stay for the leaderboard. */
  delete(id: string): void {
    this.write(() => {
      const conversations = this.panes(id).map((p) => p.conversationId);
      this.sql('DELETE FROM comparisons WHERE id = ?').run(id);
      for (const c of conversations) this.sql('DELETE FROM conversations WHERE id = ?').run(c);
    });
  }

  /** The comparison a pane's conversation belongs to, or null for a chat conversation. */
  comparisonOfConversation(conversationId: string): string | null {
    const row = this.sql('SELECT comparison_id FROM comparison_panes WHERE conversation_id = ?').get(conversationId) as
      { comparison_id: string } | undefined;
    return row?.comparison_id ?? null;
  }

  panes(comparisonId: string): PaneRow[] {
    const rows = this.sql('SELECT position, conversation_id, load FROM comparison_panes WHERE comparison_id = ? ORDER BY position').all(
      comparisonId,
    ) as Array<{ position: number; conversation_id: string; load: string }>;
    return rows.map((r) => ({
      position: r.position,
      conversationId: r.conversation_id,
      load: readJson(LoadSettingsPatchSchema, r.load) ?? {},
    }));
  }

  insertPane(comparisonId: string, p: PaneRow): void {
    this.write(() =>
      this.sql('INSERT INTO comparison_panes (comparison_id, position, conversation_id, load) VALUES (?, ?, ?, ?)').run(
        comparisonId,
        p.position,
        p.conversationId,
        JSON.stringify(p.load),
      ),
    );
  }

  removePane(comparisonId: string, position: number): void {
    this.write(() => this.sql('DELETE FROM comparison_panes WHERE comparison_id = ? AND position = ?').run(comparisonId, position));
  }

  setPaneLoad(comparisonId: string, position: number, load: Partial<LoadSettings>): void {
    this.write(() =>
      this.sql('UPDATE comparison_panes SET load = ? WHERE comparison_id = ? AND position = ?').run(
        JSON.stringify(load),
        comparisonId,
        position,
      ),
    );
  }

  results(comparisonId: string): CompareResult[] {
    const rows = this.sql('SELECT * FROM comparison_results WHERE comparison_id = ? ORDER BY round, position').all(
      comparisonId,
    ) as ResultRow[];
    return rows.map(toResult);
  }

  lastRound(comparisonId: string): number {
    const row = this.sql('SELECT MAX(round) AS round FROM comparison_results WHERE comparison_id = ?').get(comparisonId) as {
      round: number | null;
    };
    return row.round ?? 0;
  }

  insertResult(comparisonId: string, r: Omit<CompareResult, 'id' | 'createdAt'>): CompareResult {
    const result: CompareResult = { ...r, id: randomUUID(), createdAt: Date.now() };
    this.write(() =>
      this.sql(
        `INSERT INTO comparison_results (id, comparison_id, round, position, prompt, output, reasoning, status, error, stats,
             peak_rss_bytes, settings_hash, run_mode, warm_up, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        result.id,
        comparisonId,
        result.round,
        result.position,
        result.prompt,
        result.output,
        result.reasoning,
        result.status,
        writeJson(result.error),
        writeJson(result.stats),
        result.peakRssBytes,
        result.settingsHash,
        result.runMode,
        result.warmUp ? 1 : 0,
        result.createdAt,
      ),
    );
    this.update(comparisonId, {});
    return result;
  }

  votes(comparisonId: string): CompareVote[] {
    const rows = this.sql('SELECT round, outcome, created_at FROM arena_votes WHERE comparison_id = ? ORDER BY round').all(
      comparisonId,
    ) as Array<{ round: number; outcome: VoteOutcome; created_at: number }>;
    return rows.map((r) => ({ round: r.round, outcome: r.outcome, createdAt: r.created_at }));
  }

  insertVote(v: { comparisonId: string; round: number; modelA: string; modelB: string; outcome: VoteOutcome; tag: string }): void {
    this.write(() =>
      this.sql(
        'INSERT INTO arena_votes (id, comparison_id, round, model_a, model_b, outcome, tag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(randomUUID(), v.comparisonId, v.round, v.modelA, v.modelB, v.outcome, v.tag, Date.now()),
    );
  }

  allVotes(tag: string | null): Vote[] {
    const rows = (
      tag === null
        ? this.sql('SELECT model_a, model_b, outcome FROM arena_votes ORDER BY created_at').all()
        : this.sql('SELECT model_a, model_b, outcome FROM arena_votes WHERE tag = ? ORDER BY created_at').all(tag)
    ) as Array<{ model_a: string; model_b: string; outcome: VoteOutcome }>;
    return rows.map((r) => ({ modelA: r.model_a, modelB: r.model_b, outcome: r.outcome }));
  }

  voteTags(): string[] {
    const rows = this.sql("SELECT DISTINCT tag FROM arena_votes WHERE tag <> '' ORDER BY tag").all() as Array<{ tag: string }>;
    return rows.map((r) => r.tag);
  }
}

function toComparison(r: Record<string, unknown>): ComparisonRow {
  return {
    id: r.id as string,
    title: r.title as string,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    options: readJson(CompareOptionsSchema, r.options as string) ?? CompareOptionsSchema.parse({}),
    revealed: r.revealed === 1,
  };
}

function toResult(r: ResultRow): CompareResult {
  return {
    id: r.id,
    round: r.round,
    position: r.position,
    prompt: r.prompt,
    output: r.output,
    reasoning: r.reasoning,
    status: r.status,
    error: readJson(StoredErrorSchema, r.error),
    stats: readJson(GenerationStatsSchema, r.stats),
    peakRssBytes: r.peak_rss_bytes,
    settingsHash: r.settings_hash,
    runMode: r.run_mode,
    warmUp: r.warm_up === 1,
    createdAt: r.created_at,
  };
}
