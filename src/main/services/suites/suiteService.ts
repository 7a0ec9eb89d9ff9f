import {
  SamplingSchema,
  type PaneConfig,
  type Suite,
  type SuiteExportFormat,
  type SuiteRun,
  type SuiteRunSummary,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { ModelResolver } from '../inference/modelResolver';
import { exportRun } from './suiteExport';
import { runCells } from './suiteRunner';
import type { SuiteStore } from './suiteStore';

export interface SuiteServiceDeps {
  store: SuiteStore;
  resolver: Pick<ModelResolver, 'load' | 'release' | 'target'>;
  /** Remote connections, to name their models in exports. */
  connections: () => ReadonlyArray<{ id: string; name: string }>;
}

/**
 * Prompt suites and their runs. Runs form a queue worked one at a time (a bake-off measures speed:
 * two runs at once would skew both). A run interrupted by a restart is queued again at start.
 */
export class SuiteService {
  private readonly didChange = new Emitter<SuiteRunSummary[]>();
  readonly onDidChange = this.didChange.event;
  private current: { runId: string; controller: AbortController } | null = null;
  private disposed = false;

  constructor(private readonly deps: SuiteServiceDeps) {
    for (const id of deps.store.runIds(['running'])) deps.store.setStatus(id, 'queued');
    setTimeout(() => this.pump(), 0).unref();
  }

  list(): Suite[] {
    return this.deps.store.suites();
  }

  save(input: { id?: string; name: string; prompts: string[] }): Suite {
    if (input.id && !this.deps.store.suite(input.id)) throw appError('SUITE_NOT_FOUND', { id: input.id });
    return this.deps.store.saveSuite(input);
  }

  delete(id: string): void {
    if (!this.deps.store.suite(id)) throw appError('SUITE_NOT_FOUND', { id });
    this.deps.store.deleteSuite(id);
  }

  runs(): SuiteRunSummary[] {
    return this.deps.store.summaries();
  }

  start(suiteId: string, models: PaneConfig[], warmUp: boolean): SuiteRunSummary {
    const suite = this.deps.store.suite(suiteId);
    if (!suite) throw appError('SUITE_NOT_FOUND', { id: suiteId });
    const id = this.deps.store.insertRun(suite, models, warmUp);
    this.fire();
    this.pump();
    return this.requireSummary(id);
  }

  cancel(runId: string): SuiteRunSummary {
    const run = this.requireSummary(runId);
    if (run.status === 'queued' || run.status === 'running') {
      this.deps.store.setStatus(runId, 'cancelled');
      if (this.current?.runId === runId) this.current.controller.abort();
      this.fire();
    }
    return this.requireSummary(runId);
  }

  resume(runId: string): SuiteRunSummary {
    const run = this.requireSummary(runId);
    if (run.status === 'cancelled') {
      this.deps.store.setStatus(runId, 'queued');
      this.fire();
      this.pump();
    }
    return this.requireSummary(runId);
  }

  get(runId: string): SuiteRun {
    const run = this.deps.store.run(runId);
    if (!run) throw appError('SUITE_NOT_FOUND', { id: runId });
    return run;
  }

  deleteRun(runId: string): void {
    this.cancel(runId);
    this.deps.store.deleteRun(runId);
    this.fire();
  }

  export(runId: string, format: SuiteExportFormat): { fileName: string; mimeType: string; content: string } {
    return exportRun(this.get(runId), format, this.deps.connections());
  }

  dispose(): void {
    this.disposed = true;
    this.current?.controller.abort();
  }

  /** Starts the oldest queued run unless one is running. */
  private pump(): void {
    if (this.disposed || this.current) return;
    const runId = this.deps.store.runIds(['queued'])[0];
    if (!runId) return;
    const controller = new AbortController();
    this.current = { runId, controller };
    this.deps.store.setStatus(runId, 'running');
    this.fire();
    void this.execute(runId, controller.signal).finally(() => {
      this.current = null;
      this.pump();
    });
  }

  private async execute(runId: string, signal: AbortSignal): Promise<void> {
    try {
      const run = this.get(runId);
      await runCells({
        run,
        resolver: this.deps.resolver,
        sampling: (config) => SamplingSchema.parse(config.sampling),
        finishCell: (p, m, outcome) => {
          if (this.disposed || signal.aborted) return;
          this.deps.store.finishCell(runId, p, m, outcome);
          this.fire();
        },
        stopped: () => this.disposed || signal.aborted,
        signal,
      });
      if (!this.disposed && !signal.aborted) {
        this.deps.store.setStatus(runId, 'done');
        this.fire();
      }
    } catch (error) {
      // Only a host going away (database closed) ends a run early; it resumes at the next start.
      if (!this.disposed) console.error('suite run failed', error);
    }
  }

  private requireSummary(id: string): SuiteRunSummary {
    const s = this.deps.store.summary(id);
    if (!s) throw appError('SUITE_NOT_FOUND', { id });
    return s;
  }

  private fire(): void {
    if (!this.disposed) this.didChange.fire(this.deps.store.summaries());
  }
}
