import { stat } from 'node:fs/promises';
import {
  LoadSettingsSchema,
  type Fit,
  type LoadedModel,
  type LoadEvent,
  type LoadSettings,
  type LoadSettingsPatch,
  type MemoryEstimate,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { AsyncQueue } from '../../base/asyncQueue';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { HeaderCache } from '../library/headerCache';
import type { HeaderReaderPool } from '../library/headerReaderPool';
import { confineToFolders } from '../library/confine';
import type { LoadSettingsStore } from './loadSettingsStore';

/** An estimate rewritten for a variant of the file; `gpuShare` is the part of the layers on the GPU. */
export type EstimateAdjust = (estimate: MemoryEstimate, gpuShare: number) => MemoryEstimate;

export interface EngineServiceDeps {
  engine: EngineSupervisor;
  reader: HeaderReaderPool;
  cache: HeaderCache;
  folders: () => string[];
  loadSettings: LoadSettingsStore;
}

/**
 * What the contract's `engine` domain does: files are checked before the engine sees them (inside
 * a model folder, a readable GGUF by Caliper's own guarded reader), then estimated or loaded.
 */
export class EngineService {
  constructor(private readonly deps: EngineServiceDeps) {}

  async defaults(): Promise<{ threads: number; contextSize: number }> {
    return { threads: await this.deps.engine.defaultThreads(), contextSize: LoadSettingsSchema.shape.contextSize.parse(undefined) };
  }

  /** How the user chose to load `path` (the fields they set); `{}` when never chosen. */
  savedSettings(path: string): LoadSettingsPatch {
    return this.deps.loadSettings.get(path);
  }

  saveSettings(path: string, settings: LoadSettingsPatch): LoadSettingsPatch {
    return this.deps.loadSettings.set(path, settings);
  }

  async estimate(path: string, settings: Partial<LoadSettings>): Promise<MemoryEstimate> {
    const file = await this.checkFile(path);
    return this.deps.engine.estimate(file, LoadSettingsSchema.parse(settings));
  }

  /**
   * Will it run here? All layers on the GPU; else the automatic offload if it puts some layers
   * there; else the CPU alone; else it will not fit. Estimates only: nothing is loaded.
   */
  async fit(path: string, contextSize?: number): Promise<Fit> {
    return this.fitFile(await this.checkFile(path), contextSize);
  }

  /**
   * `fit` for a file already checked (a local file in the library, or a remote file's fetched
   * header). `adjust` rewrites each estimate before it is judged — the quantizer's output is the
   * source with other weights — given the share of the layers on the GPU (1 all, 0 none).
   */
  async fitFile(file: string, contextSize?: number, adjust: EstimateAdjust = (e) => e): Promise<Fit> {
    const estimate = async (gpuLayers: LoadSettings['gpuLayers'], gpuShare: (e: MemoryEstimate) => number) => {
      const e = await this.deps.engine.estimate(file, LoadSettingsSchema.parse({ gpuLayers, contextSize }));
      return adjust(e, gpuShare(e));
    };
    const gpu = await this.deps.engine.gpu();
    if (gpu.state === 'ready' && gpu.backend !== 'cpu') {
      const all = await estimate('max', () => 1);
      if (all.fits) return { label: 'gpu', estimate: all };
      const auto = await estimate('auto', (e) => (all.gpuLayers > 0 ? e.gpuLayers / all.gpuLayers : 0));
      if (auto.fits && auto.gpuLayers > 0) return { label: 'partial', estimate: auto };
    }
    const cpu = await estimate(0, () => 0);
    return { label: cpu.fits ? 'cpu' : 'wont_fit', estimate: cpu };
  }

  /** Aborting the call cancels the load. */
  async *load(path: string, settings: Partial<LoadSettings>, signal?: AbortSignal): AsyncGenerator<LoadEvent> {
    const file = await this.checkFile(path);
    const parsed = LoadSettingsSchema.parse(settings);
    const lora = await this.checkAdapters(file, parsed.lora);
    const progress = new AsyncQueue<LoadEvent>();
    const loading = this.deps.engine
      .load(file, { ...parsed, lora }, (p) => progress.push({ type: 'progress', progress: p }), signal)
      .then(
        (model) => {
          progress.push({ type: 'loaded', model });
          progress.end();
        },
        (error: unknown) => progress.fail(error),
      );
    yield* progress;
    await loading;
  }

  unload(instanceId: string): void {
    this.deps.engine.unload(instanceId);
  }

  list(): LoadedModel[] {
    return this.deps.engine.list();
  }

  /**
   * Each adapter must lie in a model folder, be a LoRA adapter, and fit this model (architecture
   * and tensor shapes); otherwise ADAPTER_MISMATCH with the reason, before anything loads.
   */
  async checkAdapters(modelFile: string, adapters: LoadSettings['lora']): Promise<LoadSettings['lora']> {
    const checked: LoadSettings['lora'] = [];
    for (const adapter of adapters) {
      const real = await confineToFolders(adapter.path, this.deps.folders());
      const check = await this.deps.engine.checkAdapter(modelFile, real);
      if (!check.compatible) throw appError('ADAPTER_MISMATCH', { path: adapter.path, reason: check.reason, detail: check.detail });
      checked.push({ path: real, scale: adapter.scale });
    }
    return checked;
  }

  /** Resolves the real path and refuses anything outside the model folders or not a GGUF. */
  async checkFile(path: string): Promise<string> {
    const real = await confineToFolders(path, this.deps.folders());
    const s = await stat(real);
    const result = this.deps.cache.get(real, s.size, s.mtimeMs) ?? (await this.deps.reader.read(real));
    this.deps.cache.put(real, s.size, s.mtimeMs, result);
    if (result.problem) throw appError('NOT_A_GGUF', { path, problem: result.problem.code, detail: result.problem.detail });
    if (result.facts.kind === 'adapter') {
      throw appError('NOT_A_GGUF', { path, problem: 'ADAPTER_NOT_MODEL', detail: 'a LoRA adapter is applied to a model, not loaded alone' });
    }
    return real;
  }
}
