import type { PaneConfig, Sampling, SuiteRun } from '../../../shared/contract';
import { storedError } from '../../base/appError';
import type { ChatTurn } from '../../engineProcess/protocol';
import { settingsHash } from '../compare/settingsHash';
import { answerOnce, warmUp } from '../inference/answerOnce';
import type { AnswerTarget } from '../inference/answerTarget';
import type { ModelResolver } from '../inference/modelResolver';
import type { CellOutcome } from './suiteStore';

export interface RunCellsJob {
  run: SuiteRun;
  resolver: Pick<ModelResolver, 'load' | 'release' | 'target'>;
  sampling: (config: PaneConfig) => Sampling;
  finishCell: (promptIndex: number, modelIndex: number, outcome: CellOutcome) => void;
  /** True once the run was cancelled or the host is shutting down: stop without writing. */
  stopped: () => boolean;
  signal: AbortSignal;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Runs a suite's pending cells model by model: a local model is loaded once (or an instance with
 * equal settings is shared), answers its pending prompts, and is let go; a remote model answers
 * where it runs. A cell is written only when its answer is complete (or has failed for a reason
 * that is not ours), so stopping loses at most the cell in flight, and that one is simply run again.
 */
export async function runCells(job: RunCellsJob): Promise<void> {
  const { run } = job;
  for (let m = 0; m < run.configs.length; m++) {
    const pending = run.cells.filter((c) => c.modelIndex === m && c.status === 'pending').map((c) => c.promptIndex);
    if (pending.length === 0) continue;
    if (job.stopped()) return;
    const config = run.configs[m]!;
    const holder = `suite:${run.id}:${m}`;
    let instanceId: string | null = null;
    let target: AnswerTarget;
    try {
      if (!config.model) throw Object.assign(new Error('no model'), { code: 'NO_MODEL_SELECTED' });
      if (config.model.kind === 'local') {
        for await (const e of job.resolver.load(config.model.path, config.load, holder, job.signal)) {
          if (e.type === 'loaded') instanceId = e.model.instanceId;
        }
      }
      target = job.resolver.target(config.model, instanceId);
    } catch (error) {
      if (job.stopped()) return;
      // A model that cannot load (will not fit, broken file, a deleted connection) fails its cells with the reason.
      for (const p of pending) job.finishCell(p, m, { ...empty, error: storedError(error) });
      continue;
    }
    try {
      await runModel(job, m, target, pending);
    } finally {
      if (instanceId) job.resolver.release(instanceId, holder);
    }
  }
}

async function runModel(job: RunCellsJob, m: number, target: AnswerTarget, pending: number[]): Promise<void> {
  const config = job.run.configs[m]!;
  const sampling = job.sampling(config);
  const system: ChatTurn[] = config.systemPrompt ? [{ role: 'system', text: config.systemPrompt }] : [];
  if (job.run.warmUp) await warmUp(target, sampling, job.signal);
  for (const p of pending) {
    if (job.stopped()) return;
    if (!(await target.ready(READY_TIMEOUT_MS))) {
      job.finishCell(p, m, { ...empty, error: { code: 'ENGINE_CRASHED', detail: 'the engine did not come back' } });
      continue;
    }
    let output = '';
    const history: ChatTurn[] = [...system, { role: 'user', text: job.run.prompts[p]! }];
    const outcome = await answerOnce(target, history, sampling, (text, segment) => segment === 'text' && (output += text), job.signal);
    if (job.stopped()) return;
    if (outcome.error) {
      job.finishCell(p, m, { ...empty, error: outcome.error, output });
      continue;
    }
    job.finishCell(p, m, {
      status: 'done',
      output,
      error: null,
      stats: outcome.stats,
      peakRssBytes: await target.peakMemory(),
      settingsHash: settingsHash({
        engine: target.identity(),
        sampling,
        systemPrompt: config.systemPrompt,
        runMode: 'sequential',
        warmUp: job.run.warmUp,
      }),
    });
  }
}

const empty: CellOutcome = { status: 'error', output: '', error: null, stats: null, peakRssBytes: null, settingsHash: null };
