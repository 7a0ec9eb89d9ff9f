import {
  BandwidthSchema,
  BenchLoadDefaultsSchema,
  BenchModelSchema,
  BenchSettingsSchema,
  EngineBuildInfoSchema,
  MachineSchema,
  type Bandwidth,
  type BenchLoadDefaults,
  type BenchResult,
  type BenchRun,
  type Machine,
} from '../../../shared/contract';
import { z } from 'zod';
import { readJson, Repository, writeJson } from '../../storage/repository';
import { benchTestName } from '../../../shared/bench/testName';
import { mean, sampleStddev, samplesTs } from '../../../shared/bench/stats';

interface RunRow {
  id: string;
  path: string;
  sha256: string;
  model: string;
  engine: string | null;
  app_version: string;
  request: string;
  status: BenchRun['status'];
  error: string | null;
  started_at: number;
  finished_at: number | null;
  machine_info: string;
  bw_machine_id: string | null;
  bw_bytes_per_second: number | null;
  bw_threads: number | null;
  bw_buffer_bytes: number | null;
  bw_measured_at: number | null;
}

interface ResultRow {
  id: string;
  run_id: string;
  n_prompt: number;
  n_gen: number;
  n_depth: number;
  settings: string;
  samples_ns: string;
  bytes_per_token: number | null;
  disturbed: number;
  test_time: number;
}

const RequestSchema = z.object({
  tests: z.array(z.object({ nPrompt: z.number(), nGen: z.number(), depth: z.number() })),
  repetitions: z.number(),
  warmup: z.boolean(),
});

const SamplesSchema = z.array(z.number());

const RUN_SELECT = `SELECT r.*, m.info AS machine_info, b.machine_id AS bw_machine_id, b.bytes_per_second AS bw_bytes_per_second,
    b.threads AS bw_threads, b.buffer_bytes AS bw_buffer_bytes, b.measured_at AS bw_measured_at
  FROM bench_runs r JOIN machines m ON m.id = r.machine_id LEFT JOIN bandwidth_measurements b ON b.id = r.bandwidth_id`;

/** Derives a result's statistics from its samples, as llama-bench does (tokens per second per sample). */
export function resultFromSamples(
  base: Omit<BenchResult, 'name' | 'avgTs' | 'stddevTs' | 'avgNs' | 'stddevNs' | 'bandwidthShare'>,
  bandwidthBytesPerSecond: number | null,
): BenchResult {
  const ts = samplesTs(base.samplesNs, base.test.nPrompt + base.test.nGen);
  const avgTs = mean(ts);
  // Generation's memory traffic is per generated token: only a pure generation test's rate is a tokens-per-second of it.
  const share =
    base.bytesPerToken !== null && bandwidthBytesPerSecond && base.test.nPrompt === 0 && base.settings.gpuLayers === 0
      ? (base.bytesPerToken * avgTs) / bandwidthBytesPerSecond
      : null;
  return {
    ...base,
    name: benchTestName(base.test),
    avgTs,
    stddevTs: sampleStddev(ts),
    avgNs: mean(base.samplesNs),
    stddevNs: sampleStddev(base.samplesNs),
    bandwidthShare: share,
  };
}

/** Tables `machines`, `bandwidth_measurements`, `bench_runs`, `bench_results`, `bench_defaults` (migration 11). */
export class BenchStore extends Repository {
  saveMachine(machine: Machine, now = Date.now()): void {
    this.write(() =>
      this.sql(
        `INSERT INTO machines (id, info, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET info = excluded.info, last_seen_at = excluded.last_seen_at`,
      ).run(machine.id, JSON.stringify(machine), now, now),
    );
  }

  saveBandwidth(b: Bandwidth): number {
    return this.write(
      () =>
        this.sql(
          'INSERT INTO bandwidth_measurements (machine_id, bytes_per_second, threads, buffer_bytes, measured_at) VALUES (?, ?, ?, ?, ?)',
        ).run(b.machineId, b.bytesPerSecond, b.threads, b.bufferBytes, b.measuredAt).lastInsertRowid as number,
    );
  }

  latestBandwidth(machineId: string): (Bandwidth & { rowId: number }) | null {
    const row = this.sql('SELECT * FROM bandwidth_measurements WHERE machine_id = ? ORDER BY measured_at DESC, id DESC LIMIT 1').get(
      machineId,
    ) as
      { id: number; machine_id: string; bytes_per_second: number; threads: number; buffer_bytes: number; measured_at: number } | undefined;
    if (!row) return null;
    return {
      rowId: row.id,
      machineId: row.machine_id,
      bytesPerSecond: row.bytes_per_second,
      threads: row.threads,
      bufferBytes: row.buffer_bytes,
      measuredAt: row.measured_at,
    };
  }

  createRun(run: BenchRun, bandwidthRowId: number | null): void {
    this.write(() =>
      this.sql(
        `INSERT INTO bench_runs (id, path, sha256, machine_id, model, engine, app_version, request, bandwidth_id, status, error, started_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        run.id,
        run.path,
        run.sha256,
        run.machine.id,
        JSON.stringify(run.model),
        writeJson(run.engine),
        run.appVersion,
        JSON.stringify(run.request),
        bandwidthRowId,
        run.status,
        run.error,
        run.startedAt,
        run.finishedAt,
      ),
    );
  }

  /** A result is written once, when all its repetitions are measured. */
  addResult(runId: string, position: number, r: BenchResult): void {
    this.write(() =>
      this.sql(
        `INSERT INTO bench_results (id, run_id, position, n_prompt, n_gen, n_depth, settings, samples_ns, bytes_per_token, disturbed, test_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.id,
        runId,
        position,
        r.test.nPrompt,
        r.test.nGen,
        r.test.depth,
        JSON.stringify(r.settings),
        JSON.stringify(r.samplesNs),
        r.bytesPerToken,
        r.disturbed ? 1 : 0,
        r.testTime,
      ),
    );
  }

  setModel(runId: string, model: BenchRun['model']): void {
    this.write(() => this.sql('UPDATE bench_runs SET model = ? WHERE id = ?').run(JSON.stringify(model), runId));
  }

  setEngine(runId: string, engine: BenchRun['engine']): void {
    this.write(() => this.sql('UPDATE bench_runs SET engine = ? WHERE id = ?').run(writeJson(engine), runId));
  }

  finishRun(runId: string, status: Exclude<BenchRun['status'], 'running'>, error: string | null, now = Date.now()): void {
    this.write(() =>
      this.sql(`UPDATE bench_runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'`).run(
        status,
        error,
        now,
        runId,
      ),
    );
  }

  /** Runs a dead host left `running` can never finish: they are marked `interrupted` at start. */
  interruptLeftovers(now = Date.now()): number {
    return this.write(
      () => this.sql(`UPDATE bench_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'`).run(now).changes,
    );
  }

  deleteRun(runId: string): boolean {
    return this.write(() => this.sql('DELETE FROM bench_runs WHERE id = ?').run(runId).changes > 0);
  }

  get(runId: string): BenchRun | null {
    const row = this.sql(`${RUN_SELECT} WHERE r.id = ?`).get(runId) as RunRow | undefined;
    return row ? (this.toRuns([row])[0] ?? null) : null;
  }

  list(filter: { sha256?: string; limit: number }): BenchRun[] {
    const rows = (
      filter.sha256
        ? this.sql(`${RUN_SELECT} WHERE r.sha256 = ? ORDER BY r.started_at DESC LIMIT ?`).all(filter.sha256, filter.limit)
        : this.sql(`${RUN_SELECT} ORDER BY r.started_at DESC LIMIT ?`).all(filter.limit)
    ) as RunRow[];
    return this.toRuns(rows);
  }

  /** Finished results of one file on one machine (runs complete or cancelled midway). */
  resultsFor(sha256: string, machineId: string): Array<{ runId: string; result: BenchResult }> {
    const runs = this.sql(`${RUN_SELECT} WHERE r.sha256 = ? AND r.machine_id = ? AND r.status != 'running' ORDER BY r.started_at`).all(
      sha256,
      machineId,
    ) as RunRow[];
    return this.toRuns(runs).flatMap((run) => run.results.map((result) => ({ runId: run.id, result })));
  }

  chosenDefaults(sha256: string, machineId: string): BenchLoadDefaults | null {
    const settings = this.pluck<[string, string], string>('SELECT settings FROM bench_defaults WHERE sha256 = ? AND machine_id = ?').get(
      sha256,
      machineId,
    );
    return readJson(BenchLoadDefaultsSchema, settings);
  }

  setChosenDefaults(sha256: string, machineId: string, settings: BenchLoadDefaults | null, now = Date.now()): void {
    this.write(() => {
      if (settings === null) this.sql('DELETE FROM bench_defaults WHERE sha256 = ? AND machine_id = ?').run(sha256, machineId);
      else
        this.sql(
          `INSERT INTO bench_defaults (sha256, machine_id, settings, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(sha256, machine_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
        ).run(sha256, machineId, JSON.stringify(settings), now);
    });
  }

  private toRuns(rows: RunRow[]): BenchRun[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // One statement for any number of runs: the ids travel as one JSON array.
    const resultRows = this.sql<[string], ResultRow>(
      'SELECT * FROM bench_results WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, position',
    ).all(JSON.stringify(ids));
    const byRun = new Map<string, ResultRow[]>();
    for (const r of resultRows) byRun.set(r.run_id, [...(byRun.get(r.run_id) ?? []), r]);
    return rows.flatMap((row) => {
      const machine = readJson(MachineSchema, row.machine_info);
      const model = readJson(BenchModelSchema, row.model);
      const request = readJson(RequestSchema, row.request);
      if (!machine || !model || !request) return [];
      const bandwidth =
        row.bw_bytes_per_second !== null
          ? BandwidthSchema.parse({
              machineId: row.bw_machine_id,
              bytesPerSecond: row.bw_bytes_per_second,
              threads: row.bw_threads,
              bufferBytes: row.bw_buffer_bytes,
              measuredAt: row.bw_measured_at,
            })
          : null;
      const results = (byRun.get(row.id) ?? []).flatMap((r) => {
        const settings = readJson(BenchSettingsSchema, r.settings);
        const samplesNs = readJson(SamplesSchema, r.samples_ns);
        if (!settings || !samplesNs) return [];
        return [
          resultFromSamples(
            {
              id: r.id,
              test: { nPrompt: r.n_prompt, nGen: r.n_gen, depth: r.n_depth },
              settings,
              samplesNs,
              bytesPerToken: r.bytes_per_token,
              disturbed: r.disturbed === 1,
              testTime: r.test_time,
            },
            bandwidth?.bytesPerSecond ?? null,
          ),
        ];
      });
      return [
        {
          id: row.id,
          path: row.path,
          sha256: row.sha256,
          model,
          machine,
          engine: readJson(EngineBuildInfoSchema, row.engine),
          appVersion: row.app_version,
          request,
          bandwidth,
          status: row.status,
          error: row.error,
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          results,
        },
      ];
    });
  }
}
