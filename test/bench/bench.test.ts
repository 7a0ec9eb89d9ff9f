import { ORPCError } from '@orpc/client';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BenchEvent, BenchRun, BenchStartInput } from '../../src/shared/contract';
import { SamplingSchema } from '../../src/shared/contract';
import type { App } from '../../src/main/composition';
import { bytesPerGeneratedToken, trafficModel } from '../../src/main/engineProcess/host/benchTraffic';
import { readGgufHeader } from '../../src/main/gguf/readGgufHeader';
import { llamaBenchFields } from '../../src/main/services/bench/llamaBenchFormat';
import { BenchStore } from '../../src/main/services/bench/benchStore';
import { ensureFixtures } from '../fixtures/generate';
import { createTestApp } from '../support/testApp';

// The benchmark lab through the contract, on generated models in real engine processes, with a
// real SQLite file: a sweep's results with deviation and the share of the measured bandwidth, the
// machine and sha256 they are kept with, history and best settings across runs, llama-bench's
// export formats read back, cancel, one run at a time, disturbed measurements, and a host restart.

let app: App;
let dataDir: string;
let modelsDir: string;
const at = (name: string) => join(modelsDir, `${name}.gguf`);

beforeAll(async () => {
  // A 16 MiB buffer per thread keeps the bandwidth test to a fraction of a second here.
  process.env.CALIPER_BANDWIDTH_BYTES_PER_THREAD = String(16 * 1024 * 1024);
  const fixtures = await ensureFixtures();
  dataDir = mkdtempSync(join(tmpdir(), 'caliper-bench-'));
  modelsDir = join(dataDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  for (const id of ['llama-gqa', 'qwen2'] as const) copyFileSync(fixtures.byId[id].path, at(id));
  app = createTestApp(dataDir, modelsDir);
});
afterAll(async () => {
  await app.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  delete process.env.CALIPER_BANDWIDTH_BYTES_PER_THREAD;
});

async function runAll(input: BenchStartInput, onEvent: (e: BenchEvent) => void | Promise<void> = () => undefined): Promise<{ events: BenchEvent[]; run: BenchRun }> {
  const events: BenchEvent[] = [];
  for await (const e of await app.client.bench.start(input)) {
    events.push(e);
    await onEvent(e);
  }
  const finished = events.at(-1);
  if (finished?.type !== 'finished') throw new Error(`no finished event: ${finished?.type}`);
  return { events, run: finished.run };
}

type EngineBenchEvent = Parameters<Parameters<App['services']['engine']['runBench']>[1]>[0];

/**
 * `runAll` with `hook` called in the main process as each of the engine process's events arrives
 * (it must call `forward` to pass the event on): acting there, a test cannot be outrun by events
 * the engine process sent while the main thread was busy.
 */
async function runAllHooked(
  input: BenchStartInput,
  hook: (e: EngineBenchEvent, forward: () => void) => void,
  onEvent?: (e: BenchEvent) => void | Promise<void>,
): Promise<{ events: BenchEvent[]; run: BenchRun }> {
  const engine = app.services.engine;
  const runBench = engine.runBench.bind(engine);
  const spy = vi.spyOn(engine, 'runBench').mockImplementation((call, onEngineEvent, signal) =>
    runBench(call, (e) => hook(e, () => onEngineEvent(e)), signal),
  );
  try {
    return await runAll(input, onEvent);
  } finally {
    spy.mockRestore();
  }
}

/** The error a start ends with (a stream's error arrives when it is read). */
async function startError(input: BenchStartInput): Promise<unknown> {
  try {
    for await (const _ of await app.client.bench.start(input));
  } catch (error) {
    return error;
  }
  return null;
}

const sweep = { threads: [1], flashAttention: [false, true] };
const tests = [
  { nPrompt: 16, nGen: 0 },
  { nPrompt: 0, nGen: 8 },
  { nPrompt: 0, nGen: 4, depth: 16 },
];

// Each test starts engine processes for a bench and a probe; on a busy 2-core machine that takes a while.
describe('benchmark lab', { timeout: 150_000 }, () => {
  let first: BenchRun;

  it('runs a sweep: every test × setting, repetitions with deviation, bytes per token and the bandwidth share', async () => {
    const { events, run } = await runAll({ path: at('llama-gqa'), tests, repetitions: 3, sweep });
    first = run;
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ total: 6 });
    // The machine's bandwidth is measured before the first run on it.
    expect(events.some((e) => e.type === 'progress' && e.phase === 'bandwidth')).toBe(true);
    expect(events.filter((e) => e.type === 'progress' && e.phase === 'repetition')).toHaveLength(18);
    expect(events.filter((e) => e.type === 'result')).toHaveLength(6);

    expect(run.status).toBe('complete');
    expect(run.sha256).toBe(createHash('sha256').update(readFileSync(at('llama-gqa'))).digest('hex'));
    expect(run.machine.cpuModel.length).toBeGreaterThan(0);
    expect(run.machine.logicalCores).toBeGreaterThan(0);
    expect(run.engine).toMatchObject({ kind: 'prebuilt', backend: 'cpu' });
    expect(run.engine!.systemInfo).toContain('CPU');
    expect(run.bandwidth!.bytesPerSecond).toBeGreaterThan(1e8);
    expect(run.model).toMatchObject({ fileName: 'llama-gqa.gguf', architecture: 'llama' });
    expect(run.model.parameters).toBeGreaterThan(0);

    const header = readGgufHeader(at('llama-gqa'));
    const names = run.results.map((r) => `${r.name}/${r.settings.flashAttention}`);
    expect(names).toEqual(['pp16/false', 'tg8/false', 'tg4 @ d16/false', 'pp16/true', 'tg8/true', 'tg4 @ d16/true']);
    for (const r of run.results) {
      expect(r.samplesNs).toHaveLength(3);
      expect(r.settings).toMatchObject({ threads: 1, batchSize: 2048, ubatchSize: 512, kvCacheType: 'F16', gpuLayers: 0 });
      expect(r.avgTs).toBeGreaterThan(0);
      expect(r.stddevTs).toBeGreaterThanOrEqual(0);
      // Mean and deviation are those of the samples, as llama-bench computes them.
      const ts = r.samplesNs.map((ns) => (1e9 * (r.test.nPrompt + r.test.nGen)) / ns);
      expect(r.avgTs).toBeCloseTo(ts.reduce((a, b) => a + b) / 3, 6);
      if (r.test.nGen > 0) {
        expect(r.bytesPerToken).toBeCloseTo(bytesPerGeneratedToken(trafficModel(header, 'F16'), r.test)!, 6);
        expect(r.bandwidthShare).toBeCloseTo((r.bytesPerToken! * r.avgTs) / run.bandwidth!.bytesPerSecond, 9);
      } else {
        expect(r.bytesPerToken).toBeNull();
        expect(r.bandwidthShare).toBeNull();
      }
      expect(r.disturbed).toBe(false);
    }
    // Deeper context, more KV cache read per token.
    expect(run.results[2]!.bytesPerToken).toBeGreaterThan(run.results[1]!.bytesPerToken!);
  });

  it('keeps runs per file and machine: history across runs, the best settings, and adopted defaults', async () => {
    const { run: second } = await runAll({ path: at('llama-gqa'), tests: [{ nPrompt: 0, nGen: 8 }], repetitions: 2, sweep: { threads: [1, 2] } });
    expect(second.results.map((r) => r.settings.threads)).toEqual([1, 2]);
    const runs = await app.client.bench.runs({ path: at('llama-gqa') });
    expect(runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await app.client.bench.runs({ path: at('qwen2') })).toEqual([]);
    expect(await app.client.bench.get({ runId: first.id })).toEqual(first);

    const best = await app.client.bench.bestSettings({ path: at('llama-gqa') });
    const tg = [...first.results, ...second.results].filter((r) => r.name === 'tg8');
    const fastest = tg.reduce((a, b) => (b.avgTs > a.avgTs ? b : a));
    expect(best.best).toMatchObject({ threads: fastest.settings.threads, flashAttention: fastest.settings.flashAttention, generationTokensPerSecond: fastest.avgTs });
    expect(best.best!.batchSize).toBe(512);
    expect(best.chosen).toBeNull();

    const chosen = { threads: best.best!.threads, batchSize: best.best!.batchSize, flashAttention: best.best!.flashAttention };
    expect((await app.client.bench.useAsDefault({ path: at('llama-gqa'), settings: chosen })).chosen).toEqual(chosen);
    expect((await app.client.bench.bestSettings({ path: at('llama-gqa') })).chosen).toEqual(chosen);
    // Adopted: the file's load settings (Chat, the API, new Compare panes) carry them, beside the user's own.
    await app.client.engine.saveSettings({ path: at('llama-gqa'), settings: { contextSize: 2048 } });
    await app.client.bench.useAsDefault({ path: at('llama-gqa'), settings: chosen });
    expect(await app.client.engine.savedSettings({ path: at('llama-gqa') })).toEqual({ contextSize: 2048, ...chosen });
    // Forgotten: they go, except a field the user changed since.
    const mine = chosen.threads === 1 ? 2 : 1;
    await app.client.engine.saveSettings({ path: at('llama-gqa'), settings: { contextSize: 2048, ...chosen, threads: mine } });
    expect((await app.client.bench.useAsDefault({ path: at('llama-gqa'), settings: null })).chosen).toBeNull();
    expect(await app.client.engine.savedSettings({ path: at('llama-gqa') })).toEqual({ contextSize: 2048, threads: mine });
  });

  it('exports in llama-bench’s formats: its field names, read back as JSON, CSV and by SQLite', async () => {
    const json = JSON.parse((await app.client.bench.export({ runIds: [first.id], format: 'json' })).text) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(6);
    const tg = json.find((r) => r.n_gen === 8 && r.flash_attn === 0)!;
    const result = first.results.find((r) => r.name === 'tg8' && !r.settings.flashAttention)!;
    expect(tg).toMatchObject({ n_prompt: 0, n_gen: 8, n_depth: 0, n_threads: 1, n_batch: 2048, n_ubatch: 512, type_k: 'f16', model_filename: at('llama-gqa') });
    expect(tg.avg_ts).toBeCloseTo(result.avgTs, 4);
    expect(tg.stddev_ts).toBeCloseTo(result.stddevTs, 4);
    expect(tg.model_size).toBe(first.model.sizeBytes);
    expect(tg.samples_ns).toEqual(result.samplesNs.map(Math.round));
    expect(Object.keys(tg).slice(0, llamaBenchFields.length)).toEqual(llamaBenchFields.map(([name]) => name));

    const jsonl = (await app.client.bench.export({ runIds: [first.id], format: 'jsonl' })).text.trim().split('\n');
    expect(jsonl.map((line) => (JSON.parse(line) as { n_depth: number }).n_depth)).toEqual([0, 0, 16, 0, 0, 16]);

    const csv = (await app.client.bench.export({ runIds: [first.id], format: 'csv' })).text.trim().split('\n');
    expect(csv[0]).toBe(llamaBenchFields.map(([name]) => name).join(','));
    expect(csv).toHaveLength(7);

    const sql = await app.client.bench.export({ runIds: [first.id], format: 'sql' });
    const db = new Database(':memory:');
    db.exec(sql.text);
    const rows = db.prepare('SELECT n_prompt, n_gen, n_depth, avg_ts, stddev_ts FROM llama_bench ORDER BY rowid').all() as Array<{ avg_ts: number; n_depth: number }>;
    db.close();
    expect(rows).toHaveLength(6);
    expect(rows[0]!.avg_ts).toBeCloseTo(first.results[0]!.avgTs, 4);
    expect(rows[2]!.n_depth).toBe(16);

    const md = (await app.client.bench.export({ runIds: [first.id], format: 'md' })).text;
    expect(md).toContain('| model | size | params | backend | threads |');
    expect(md).toContain('| tg4 @ d16 |');
    expect(md).toMatch(/\d+\.\d\d ± \d+\.\d\d \|/);
  });

  it('runs one benchmark at a time; cancel ends a run as cancelled with what it measured', async () => {
    let busy: unknown = null;
    let runId = '';
    let cancelled: { cancelled: boolean } | null = null;
    // Cancelled as the main process takes in the first result, after a stall (a synchronous SQLite
    // write on a slow disk): results the engine process sent meanwhile must not count.
    const { run } = await runAllHooked(
      { path: at('llama-gqa'), tests: [{ nPrompt: 0, nGen: 8 }], repetitions: 3, sweep: { threads: [1, 2, 1, 2] } },
      (e, forward) => {
        forward();
        if (e.kind === 'unit' && cancelled === null) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
          cancelled = app.services.bench.cancel(runId);
        }
      },
      async (e) => {
        if (e.type === 'started') {
          runId = e.run.id;
          busy = await startError({ path: at('qwen2'), tests: [{ nPrompt: 8, nGen: 0 }] });
        }
      },
    );
    expect(busy).toBeInstanceOf(ORPCError);
    expect(busy).toMatchObject({ code: 'BENCH_BUSY' });
    expect(cancelled).toEqual({ cancelled: true });
    expect(run.status).toBe('cancelled');
    expect(run.results).toHaveLength(1);
    expect(await app.client.bench.cancel({ runId })).toEqual({ cancelled: false });
    // The lab is free again.
    const again = await runAll({ path: at('qwen2'), tests: [{ nPrompt: 8, nGen: 0 }], repetitions: 1 });
    expect(again.run.status).toBe('complete');
  });

  it('stops a run whose caller went away', async () => {
    let runId = '';
    for await (const e of await app.client.bench.start({ path: at('qwen2'), tests: [{ nPrompt: 0, nGen: 64 }], repetitions: 20 })) {
      if (e.type === 'result' || (e.type === 'progress' && e.phase === 'repetition')) break;
      if (e.type === 'started') runId = e.run.id;
    }
    const run = await app.client.bench.get({ runId });
    expect(run.status).toBe('cancelled');
  });

  it('marks measurements taken while other models generate, and warns', async () => {
    let loaded: string | null = null;
    for await (const e of await app.client.engine.load({ path: at('qwen2'), settings: { contextSize: 512, threads: 1 } })) {
      if (e.type === 'loaded') loaded = e.model.instanceId;
    }
    // The answer starts when the main process hears that a repetition started, before it can hear
    // that the unit was measured. Started from the event stream this test reads, it could come too
    // late: the engine process measures on while the main thread is busy (a synchronous SQLite write
    // on a slow disk), and the whole unit, result included, then arrives and is judged at once.
    let answering: Promise<unknown> | null = null;
    const { events, run } = await runAllHooked(
      { path: at('llama-gqa'), tests: [{ nPrompt: 0, nGen: 32 }], repetitions: 3, sweep: { threads: [1, 1] } },
      (e, forward) => {
        if (e.kind === 'phase' && e.phase === 'repetition' && answering === null) {
          const sampling = SamplingSchema.parse({ temperature: 0, maxTokens: 64 });
          answering = app.services.engine.generate(loaded!, [{ role: 'user', text: 'Hello there' }], sampling, () => undefined);
        }
        forward();
      },
    );
    expect(answering).not.toBeNull();
    await answering;
    await app.client.engine.unload({ instanceId: loaded! });
    expect(events.some((e) => e.type === 'warning' && e.code === 'OTHER_MODELS_GENERATING')).toBe(true);
    expect(run.results[0]!.disturbed).toBe(true);
    // Measured without other answers (the first test), results are clean: see `disturbed: false` there.
  });

  it('refuses files outside the model folders and bad inputs with typed errors', async () => {
    const outside = await startError({ path: '/etc/passwd', tests: [{ nPrompt: 8, nGen: 0 }] });
    expect(outside).toMatchObject({ code: 'PATH_NOT_IN_LIBRARY' });
    const empty = await startError({ path: at('qwen2'), tests: [{ nPrompt: 0, nGen: 0 }] });
    expect(empty).toMatchObject({ code: 'INVALID_INPUT' });
    const tooMany = await startError({
      path: at('qwen2'),
      tests: [{ nPrompt: 8, nGen: 0 }, { nPrompt: 0, nGen: 8 }],
      sweep: { threads: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], batchSize: [64, 128, 256, 512, 1024, 2048, 4096, 8192], ubatchSize: [256, 512] },
    });
    expect(tooMany).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await app.client.bench.get({ runId: 'nope' }).catch((e: unknown) => e)).toMatchObject({ code: 'BENCH_RUN_NOT_FOUND' });
  });

  it('marks a run a stopped host left running as interrupted', async () => {
    new BenchStore(app.services.db).createRun({ ...first, id: 'left-running', status: 'running', results: [], finishedAt: null }, null);
    const restarted = createTestApp(dataDir, modelsDir);
    try {
      expect((await restarted.client.bench.get({ runId: 'left-running' })).status).toBe('interrupted');
    } finally {
      await restarted.dispose();
    }
  });
});
