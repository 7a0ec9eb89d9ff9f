import { LoadSettingsSchema, type LoadedModel, type LoadEvent, type LoadSettings, type ModelRef } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { EngineService } from '../engine/engineService';
import type { RemoteService } from '../remote/remoteService';
import type { AnswerTarget } from './answerTarget';
import { LocalTarget } from './localTarget';
import { RemoteTarget } from './remoteTarget';

export interface ModelResolverDeps {
  engine: EngineSupervisor;
  engineService: Pick<EngineService, 'load' | 'checkFile'>;
  remote: RemoteService;
  quantization: (path: string) => string | null;
}

/**
 * The one place that decides which engine instance answers. A file asked for with load settings
 * equal to an instance already loaded shares that instance; every holder (Chat, a Compare pane, a
 * suite, the API) is counted, and an instance nobody holds any more is unloaded. Chat and Compare
 * pin the instance they loaded; unpinned, the newest loaded instance of the file answers — the one
 * the window shows.
 */
export class ModelResolver {
  private readonly holders = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly didChange = new Emitter<LoadedModel[]>();
  readonly onDidChange = this.didChange.event;
  /** Holders whose model must not be named (an unvoted blind battle's panes). */
  private hiddenHolder: (holder: string) => boolean = () => false;

  constructor(private readonly deps: ModelResolverDeps) {
    deps.engine.onDidChange(() => {
      // Instances that went away (unloaded, failed for good) hold no one.
      const alive = new Set(deps.engine.list().map((m) => m.instanceId));
      for (const id of this.holders.keys()) if (!alive.has(id)) this.holders.delete(id);
      this.fire();
    });
  }

  /** Compare says which holders are blind battles still hiding their models. */
  setHiddenHolders(isHidden: (holder: string) => boolean): void {
    this.hiddenHolder = isHidden;
  }

  /** Loaded models as every view may see them: holders counted, blind ones withheld. */
  list(): LoadedModel[] {
    return this.deps.engine.list().map((m) => this.present(m));
  }

  /**
   * Loads `path` with `settings` for `holder`, or shares an instance loaded with equal settings
   * (also one still loading). Aborting cancels only a load this call started.
   */
  async *load(path: string, settings: Partial<LoadSettings>, holder: string, signal?: AbortSignal): AsyncGenerator<LoadEvent> {
    const file = await this.deps.engineService.checkFile(path);
    const parsed = LoadSettingsSchema.parse(settings);
    // Adapters are checked and resolved while loading; instances with adapters are not shared.
    const key = parsed.lora.length ? null : await this.keyOf(file, parsed);
    const shared = key ? (this.deps.engine.list().find((m) => m.state !== 'failed' && this.instanceKey(m) === key) ?? null) : null;
    if (shared && shared.state !== 'loading') {
      this.hold(shared.instanceId, holder);
      yield { type: 'loaded', model: this.present(shared) };
      return;
    }
    const pending = key ? this.loading.get(key) : undefined;
    if (pending) {
      const model = await pending;
      this.hold(model.instanceId, holder);
      yield { type: 'loaded', model: this.present(model) };
      return;
    }
    let resolveLoaded!: (m: LoadedModel) => void;
    let rejectLoaded!: (e: unknown) => void;
    const loaded = new Promise<LoadedModel>((resolve, reject) => {
      resolveLoaded = resolve;
      rejectLoaded = reject;
    });
    loaded.catch(() => undefined);
    if (key) this.loading.set(key, loaded);
    try {
      for await (const event of this.deps.engineService.load(file, parsed, signal)) {
        if (event.type === 'loaded') {
          this.hold(event.model.instanceId, holder);
          resolveLoaded(event.model);
          yield { type: 'loaded', model: this.present(event.model) };
        } else {
          yield event;
        }
      }
    } catch (error) {
      rejectLoaded(error);
      throw error;
    } finally {
      if (key) this.loading.delete(key);
    }
  }

  /** `holder` lets go; the instance is unloaded when no one holds it. */
  release(instanceId: string, holder: string): void {
    const set = this.holders.get(instanceId);
    if (!set?.delete(holder)) return;
    if (set.size === 0) {
      this.holders.delete(instanceId);
      this.deps.engine.unload(instanceId);
    } else {
      this.fire();
    }
  }

  /** The user's eject: unloaded whoever holds it (their panes then show it as not loaded). */
  unload(instanceId: string): void {
    this.holders.delete(instanceId);
    this.deps.engine.unload(instanceId);
  }

  holds(instanceId: string, holder: string): boolean {
    return this.holders.get(instanceId)?.has(holder) ?? false;
  }

  /**
   * What answers for `ref`: a remote model as it is; a local file through the pinned instance when
   * it is alive and of that file, else the newest loaded instance of the file.
   */
  target(ref: ModelRef, pinned?: string | null): AnswerTarget {
    if (ref.kind === 'remote') {
      this.deps.remote.get(ref.connectionId); // CONNECTION_NOT_FOUND when it was deleted
      return new RemoteTarget(ref, this.deps.remote);
    }
    const pinnedModel = pinned ? this.deps.engine.instance(pinned) : undefined;
    const model =
      pinnedModel && pinnedModel.path === ref.path && pinnedModel.state !== 'failed'
        ? pinnedModel
        : this.deps.engine
            .list()
            .filter((m) => m.path === ref.path && m.state === 'loaded')
            .at(-1);
    if (!model || (model.state !== 'loaded' && model !== pinnedModel)) throw appError('MODEL_NOT_LOADED', { path: ref.path });
    return new LocalTarget(model.instanceId, this.deps.engine, this.deps.quantization);
  }

  private hold(instanceId: string, holder: string): void {
    let set = this.holders.get(instanceId);
    if (!set) this.holders.set(instanceId, (set = new Set()));
    set.add(holder);
    this.fire();
  }

  private present(model: LoadedModel): LoadedModel {
    const holders = [...(this.holders.get(model.instanceId) ?? [])];
    const blind = holders.length > 0 && holders.every((h) => this.hiddenHolder(h));
    if (!blind) return { ...model, holders: holders.length, blind: false };
    // Nothing that could name the model: not its file, settings, layers or memory.
    return {
      ...model,
      path: '',
      settings: LoadSettingsSchema.parse({}),
      gpuLayers: null,
      totalLayers: null,
      contextSize: null,
      threads: null,
      estimate: null,
      processRssBytes: null,
      peakRssBytes: null,
      error: model.error ? { code: model.error.code, detail: '' } : null,
      holders: holders.length,
      blind: true,
    };
  }

  private async keyOf(path: string, settings: LoadSettings): Promise<string> {
    const threads = settings.threads ?? (await this.deps.engine.defaultThreads());
    return JSON.stringify([path, { ...settings, threads }].map(sorted));
  }

  private instanceKey(m: LoadedModel): string | null {
    if (m.settings.lora.length) return null;
    return JSON.stringify([m.path, { ...m.settings, threads: m.settings.threads ?? m.threads }].map(sorted));
  }

  private fire(): void {
    this.didChange.fire(this.list());
  }
}

/** Object keys in order, so equal settings give equal keys however they were built. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}
