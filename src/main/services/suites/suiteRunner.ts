import type { GenerationStats, PaneConfig, Sampling, SuiteRun } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engine/engineSupervisor';
import type { ChatTurn } from '../../engine/protocol';
import type { EngineService } from '../engine/engineService';
import { settingsHash } from '../compare/settingsHash';
import type { CellOutcome } from './suiteStore';

export interface RunCellsJob {
  run: SuiteRun;
  engine: EngineSupervisor;
  engineService: Pick<EngineService, 'load'>;
  quantization: (path: string) => string | null;
  sampling: (config: PaneConfig) => Sampling;
  finishCell: (promptIndex: number, modelIndex: number, outcome: CellOutcome) => void;
  /** True once the run was cancelled or the host is shutting down: stop without writing. */
  stopped: () => boolean;
  signal: AbortSignal;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Runs a suite's pending cells model by model: each model is loaded once in its own engine
 * process, answers its pending prompts, and is unloaded. A cell is written only when its answer is
 * complete (or has failed for a reason that is not ours), so stopping loses at most the cell in
 * flight, and that one is simply run again.
 */
export async function runCells(job: RunCellsJob): Promise<void> {
  const { run } = job;
  for (let m = 0; m < run.configs.length; m++) {
    const pending = run.cells.filter((c) => c.modelIndex === m && c.status === 'pending').map((c) => c.promptIndex);
    if (pending.length === 0) continue;
    if (job.stopped()) return;
    const config = run.configs[m]!;
    const modelPath = config.modelPath ?? '';
    let instanceId: string | null = null;
    try {
      for await (const e of job.engineService.load(modelPath, config.load, job.signal)) {
        if (e.type === 'loaded') instanceId = e.model.instanceId;
      }
    } catch (error) {
      if (job.stopped()) return;
      // A model that cannot load (will not fit, broken file) fails its cells with the reason.
      for (const p of pending) job.finishCell(p, m, failed(error));
      continue;
    }
    if (!instanceId) continue;
    try {
      await runModel(job, m, instanceId, pending);
    } finally {
      job.engine.unload(instanceId);
    }
  }
}

async function runModel(job: RunCellsJob, m: number, instanceId: string, pending: number[]): Promise<void> {
  const config = job.run.configs[m]!;
  const modelPath = config.modelPath ?? '';
  const sampling = job.sampling(config);
  const system: ChatTurn[] = config.systemPrompt ? [{ role: 'system', text: config.systemPrompt }] : [];
  if (job.run.warmUp) {
    await job.engine.generate(instanceId, [{ role: 'user', text: 'Hello' }], { ...sampling, maxTokens: 8 }, () => undefined, job.signal).catch(() => undefined);
  }
  for (const p of pending) {
    if (job.stopped()) return;
    if (!(await ready(job.engine, instanceId))) {
      job.finishCell(p, m, { ...empty, status: 'error', error: { code: 'ENGINE_CRASHED', detail: 'the engine did not come back' } });
      continue;
    }
    let output = '';
    try {
      const history: ChatTurn[] = [...system, { role: 'user', text: job.run.prompts[p]! }];
      const result = await job.engine.generate(instanceId, history, sampling, (text, segment) => segment === 'text' && (output += text), job.signal);
      if (job.stopped()) return;
      const model = await job.engine.measure(instanceId);
      const stats: GenerationStats = {
        ...result.stats,
        modelPath,
        quantization: job.quantization(modelPath),
        gpuLayers: model?.gpuLayers ?? null,
        contextSize: model?.contextSize ?? null,
        threads: model?.threads ?? null,
      };
      job.finishCell(p, m, {
        status: 'done',
        output,
        error: null,
        stats,
        peakRssBytes: model?.peakRssBytes ?? null,
        settingsHash: settingsHash({ modelPath, model: model ?? null, sampling, systemPrompt: config.systemPrompt, runMode: 'sequential', warmUp: job.run.warmUp }),
      });
    } catch (error) {
      if (job.stopped()) return;
      job.finishCell(p, m, { ...failed(error), output });
    }
  }
}

const empty: CellOutcome = { status: 'error', output: '', error: null, stats: null, peakRssBytes: null, settingsHash: null };

function failed(error: unknown): CellOutcome {
  const e = error as { code?: string; message?: string; data?: Record<string, unknown> };
  const detail = e.data && typeof e.data.detail === 'string' ? e.data.detail : JSON.stringify(e.data ?? e.message ?? String(error));
  return { ...empty, error: { code: e.code ?? 'INTERNAL_SERVER_ERROR', detail: detail.slice(0, 500) } };
}

/** Waits while the supervisor restarts a crashed engine; false if it failed or went away. */
async function ready(engine: EngineSupervisor, instanceId: string): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const state = engine.instance(instanceId)?.state;
    if (state === 'loaded') return true;
    if (!state || state === 'failed' || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
