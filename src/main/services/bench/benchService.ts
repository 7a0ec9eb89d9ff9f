import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import {
  BenchStartSchema,
  type Bandwidth,
  type BenchEvent,
  type BenchExportFormat,
  type BenchLoadDefaults,
  type BenchRun,
  type BenchStartInput,
  type BestSettings,
  type MachineState,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { AsyncQueue } from '../../base/asyncQueue';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { BenchUnit } from '../../engineProcess/protocol';
import { sha256File } from '../downloads/verifyFile';
import type { EngineService } from '../engine/engineService';
import type { FileHashCache } from '../library/fileHashCache';
import type { HeaderCache } from '../library/headerCache';
import { bestSettings } from './bestSettings';
import { resultFromSamples, type BenchStore } from './benchStore';
import type { LoadSettingsStore } from '../engine/loadSettingsStore';
import { exportRuns } from './llamaBenchFormat';
import { describeMachine } from './machine';
import { benchTestName } from '../../../shared/bench/testName';

export interface BenchServiceDeps {
  store: BenchStore;
  /** The file's load settings, which "use as load defaults" writes. */
  loadSettings: LoadSettingsStore;
  engine: EngineSupervisor;
  engineService: EngineService;
  cache: HeaderCache;
  hashes: FileHashCache;
  appVersion: string;
}

/** Every combination of the sweep × every test; layers outermost, so the model loads once per offload. */
export function expandSweep(req: ReturnType<typeof BenchStartSchema.parse>, defaultThreads: number): BenchUnit[] {
  const s = req.sweep;
  const units: BenchUnit[] = [];
  for (const gpuLayers of s.gpuLayers)
    for (const threads of s.threads ?? [defaultThreads])
      for (const batchSize of s.batchSize)
        for (const ubatchSize of s.ubatchSize)
          for (const flashAttention of s.flashAttention)
            for (const kvCacheType of s.kvCacheType)
              for (const test of req.tests)
                // A quantized KV cache runs with flash attention (see flashAttentionFor): an "off" for it would measure the same thing twice.
                units.push({ settings: { threads, batchSize, ubatchSize, flashAttention: flashAttention || kvCacheType !== 'F16', kvCacheType, gpuLayers }, test });
  return [...new Map(units.map((u) => [JSON.stringify(u), u])).values()];
}

/**
 * The benchmark lab: runs llama-bench's tests over a sweep in an engine process of its own, one run
 * at a time, and keeps every result with the machine, the engine build and the file's sha256, so
 * a file's history survives renames and stays per machine.
 */
export class BenchService {
  private running: { runId: string; abort: AbortController } | null = null;

  constructor(private readonly deps: BenchServiceDeps) {
    deps.store.interruptLeftovers();
  }

  async machine(): Promise<MachineState> {
    const gpu = await this.deps.engine.gpu();
    const engine = await this.deps.engine.engineBuildInfo();
    const machine = describeMachine(gpu, engine);
    this.deps.store.saveMachine(machine);
    const bandwidth = this.deps.store.latestBandwidth(machine.id);
    return { machine, bandwidth: bandwidth && stripRow(bandwidth), engine, defaultThreads: await this.deps.engine.defaultThreads() };
  }

  async measureBandwidth(): Promise<Bandwidth> {
    const { machine } = await this.machine();
    const outcome = await this.deps.engine.measureBandwidth();
    const bandwidth: Bandwidth = { machineId: machine.id, ...outcome, measuredAt: Date.now() };
    this.deps.store.saveBandwidth(bandwidth);
    return bandwidth;
  }

  async *start(input: BenchStartInput, signal?: AbortSignal): AsyncGenerator<BenchEvent> {
    const req = BenchStartSchema.parse(input);
    if (this.running) throw appError('BENCH_BUSY', { runId: this.running.runId });
    const abort = new AbortController();
    const runId = randomUUID();
    this.running = { runId, abort };
    const onCallerAbort = () => abort.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      yield* this.run(runId, req, abort);
    } finally {
      signal?.removeEventListener('abort', onCallerAbort);
      if (this.running?.runId === runId) this.running = null;
    }
  }

  cancel(runId: string): { cancelled: boolean } {
    if (this.running?.runId !== runId) return { cancelled: false };
    this.running.abort.abort();
    return { cancelled: true };
  }

  private async *run(runId: string, req: ReturnType<typeof BenchStartSchema.parse>, abort: AbortController): AsyncGenerator<BenchEvent> {
    const signal = abort.signal;
    const path = await this.deps.engineService.checkFile(req.path);
    const s = await stat(path);
    const facts = this.deps.cache.get(path, s.size, s.mtimeMs)?.facts ?? null;
    const [sha256, state] = await Promise.all([this.hashOf(path), this.machine()]);
    const units = expandSweep(req, state.defaultThreads);
    const total = units.length;

    let bandwidthRow = this.deps.store.latestBandwidth(state.machine.id);
    if (!bandwidthRow) {
      // The percentage of the machine's limit needs the limit: measured once per machine, first.
      yield { type: 'progress', done: 0, total, phase: 'bandwidth', name: null, settings: null, repetition: null };
      const b = await this.measureBandwidth();
      bandwidthRow = this.deps.store.latestBandwidth(b.machineId);
    }
    const bandwidth = bandwidthRow && stripRow(bandwidthRow);

    const run: BenchRun = {
      id: runId,
      path,
      sha256,
      model: {
        fileName: basename(path),
        architecture: facts?.architecture ?? 'unknown',
        fileType: facts?.fileType ?? 'unknown',
        sizeBytes: s.size,
        parameters: facts?.parameterCount ?? 0,
        description: `${facts?.architecture ?? 'unknown'} ${facts?.fileType ?? ''}`.trim(),
      },
      machine: state.machine,
      engine: state.engine,
      appVersion: this.deps.appVersion,
      request: { tests: req.tests, repetitions: req.repetitions, warmup: req.warmup },
      bandwidth,
      status: 'running',
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
      results: [],
    };
    this.deps.store.createRun(run, bandwidthRow?.rowId ?? null);
    yield { type: 'started', run, total };

    const events = new AsyncQueue<BenchEvent>();
    let done = 0;
    // Other models generating during a measurement: seen at any phase, or answers started since the unit began.
    let currentUnit = -1;
    let unitStart = this.deps.engine.generationActivity();
    let seenBusy = false;
    const runMeasurement = this.deps.engine
      .runBench(
        { path, units, repetitions: req.repetitions, warmup: req.warmup, seed: 1 },
        (e) => {
          // After a cancel, what the engine process had already sent is not the user's run.
          if (signal.aborted) return;
          if (e.kind === 'model') {
            run.model = { ...run.model, description: e.description, sizeBytes: e.sizeBytes, parameters: e.parameters };
            this.deps.store.setModel(runId, run.model);
            return;
          }
          const unit = units[e.unit]!;
          const activity = this.deps.engine.generationActivity();
          if (e.unit !== currentUnit) {
            currentUnit = e.unit;
            unitStart = activity;
            seenBusy = false;
          }
          seenBusy ||= activity.active > 0;
          if (e.kind === 'phase') {
            events.push({ type: 'progress', done, total, phase: e.phase, name: benchTestName(unit.test), settings: unit.settings, repetition: e.repetition });
            return;
          }
          const disturbed = seenBusy || activity.started !== unitStart.started;
          const result = resultFromSamples(
            {
              id: randomUUID(),
              test: unit.test,
              settings: { ...unit.settings, gpuLayers: e.gpuLayers },
              samplesNs: e.samplesNs,
              bytesPerToken: e.bytesPerToken,
              disturbed,
              testTime: Date.now(),
            },
            bandwidth?.bytesPerSecond ?? null,
          );
          this.deps.store.addResult(runId, e.unit, result);
          done++;
          if (disturbed) events.push({ type: 'warning', code: 'OTHER_MODELS_GENERATING', count: Math.max(activity.active, activity.started - unitStart.started) });
          events.push({ type: 'result', result });
        },
        signal,
      )
      .then(
        (engine) => {
          this.deps.store.setEngine(runId, engine);
          // A cancel that came as the last unit ended still ends the run as cancelled.
          this.deps.store.finishRun(runId, signal.aborted ? 'cancelled' : 'complete', null);
        },
        (error: unknown) => {
          if (signal.aborted) this.deps.store.finishRun(runId, 'cancelled', null);
          else this.deps.store.finishRun(runId, 'failed', error instanceof Error ? error.message.slice(0, 500) : String(error));
          // A cancel is an ending, not an error; a failure is reported after the run is saved.
          if (!signal.aborted) throw error;
        },
      )
      .then(
        () => {
          events.push({ type: 'finished', run: this.deps.store.get(runId)! });
          events.end();
        },
        (error: unknown) => events.fail(error),
      );
    try {
      yield* events;
    } finally {
      // A caller that stops listening ends the run: nobody would see its progress or results.
      abort.abort();
      await runMeasurement;
    }
  }

  async runs(path: string | null, limit: number): Promise<BenchRun[]> {
    if (path === null) return this.deps.store.list({ limit });
    const real = await this.deps.engineService.checkFile(path);
    return this.deps.store.list({ sha256: await this.hashOf(real), limit });
  }

  get(runId: string): BenchRun {
    const run = this.deps.store.get(runId);
    if (!run) throw appError('BENCH_RUN_NOT_FOUND', { runId });
    return run;
  }

  delete(runId: string): { deleted: boolean } {
    if (this.running?.runId === runId) throw appError('BENCH_BUSY', { runId });
    return { deleted: this.deps.store.deleteRun(runId) };
  }

  export(runIds: string[], format: BenchExportFormat): { fileName: string; mimeType: string; text: string } {
    const runs = runIds.map((id) => this.get(id));
    const { text, mimeType, extension } = exportRuns(runs, format);
    const stem = runs.length === 1 ? runs[0]!.model.fileName.replace(/\.gguf$/i, '') : `${runs.length}-runs`;
    return { fileName: `llama-bench-${stem}.${extension}`, mimeType, text };
  }

  async bestSettings(path: string): Promise<BestSettings> {
    const real = await this.deps.engineService.checkFile(path);
    const [sha256, { machine }] = await Promise.all([this.hashOf(real), this.machine()]);
    return {
      best: bestSettings(this.deps.store.resultsFor(sha256, machine.id)),
      chosen: this.deps.store.chosenDefaults(sha256, machine.id),
    };
  }

  async useAsDefault(path: string, settings: BenchLoadDefaults | null): Promise<BestSettings> {
    const real = await this.deps.engineService.checkFile(path);
    const [sha256, { machine }] = await Promise.all([this.hashOf(real), this.machine()]);
    const before = this.deps.store.chosenDefaults(sha256, machine.id);
    this.deps.store.setChosenDefaults(sha256, machine.id, settings);
    // Chat, the API and new Compare panes load the file with them from now on; forgetting them
    // returns those fields to the engine's defaults unless the user has changed them since.
    if (settings) this.deps.loadSettings.merge(path, settings);
    else if (before) {
      const saved = this.deps.loadSettings.get(path);
      this.deps.loadSettings.merge(
        path,
        Object.fromEntries(Object.keys(before).filter((k) => saved[k as keyof typeof saved] === before[k as keyof typeof before]).map((k) => [k, undefined])),
      );
    }
    return this.bestSettings(real);
  }

  private async hashOf(path: string): Promise<string> {
    const s = await stat(path);
    const known = this.deps.hashes.get(path, s.size, s.mtimeMs);
    if (known) return known;
    const sha256 = await sha256File(path);
    this.deps.hashes.put(path, s.size, s.mtimeMs, sha256);
    return sha256;
  }
}

function stripRow({ rowId: _rowId, ...bandwidth }: Bandwidth & { rowId: number }): Bandwidth {
  return bandwidth;
}
