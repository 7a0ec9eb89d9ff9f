import type { LoadedModel, LoadSettings } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { ModelResolver } from '../inference/modelResolver';

interface Owned {
  active: number;
  lastUsed: number;
}

const SWEEP_MS = 30_000;
/** How the API holds the instances it loaded (the resolver counts holders). */
const HOLDER = 'api';

/**
 * Models for API requests: a file already loaded is used as it is; one that is not is loaded just
 * in time, through the same checks as the window (confinement, the guarded header reader, the fit
 * estimate). The API lets go of what it loaded after it idles; the instance is unloaded then
 * unless someone else (Chat, a Compare pane) holds it too.
 */
export class JitModels {
  private readonly owned = new Map<string, Owned>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      engine: EngineSupervisor;
      resolver: Pick<ModelResolver, 'load' | 'release'>;
      idleMinutes: () => number;
      /** How the user chose to load the file (Chat's load settings), or `{}`. */
      savedSettings: (path: string) => Partial<LoadSettings>;
      now?: () => number;
    },
  ) {
    this.timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  /** A loaded instance of `path` held for one request; `release` when the request ends. */
  async acquire(path: string): Promise<{ model: LoadedModel; release: () => void }> {
    const model = this.loadedInstance(path) ?? (await this.load(path));
    const owned = this.owned.get(model.instanceId);
    if (owned) owned.active++;
    let released = false;
    return {
      model,
      release: () => {
        if (released || !owned) return;
        released = true;
        owned.active--;
        owned.lastUsed = this.now();
      },
    };
  }

  /** Unloads the API's own models idle for longer than the setting; 0 keeps them. */
  sweep(): void {
    const idleMs = this.deps.idleMinutes() * 60_000;
    for (const [instanceId, owned] of this.owned) {
      if (!this.deps.engine.instance(instanceId)) {
        this.owned.delete(instanceId); // unloaded elsewhere (the window, a crash that gave up)
      } else if (idleMs > 0 && owned.active === 0 && this.now() - owned.lastUsed >= idleMs) {
        this.owned.delete(instanceId);
        this.deps.resolver.release(instanceId, HOLDER);
      }
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private loadedInstance(path: string): LoadedModel | undefined {
    const loaded = this.deps.engine.list().filter((m) => m.path === path && m.state === 'loaded');
    // The API's own instance first, so a window's model keeps its settings to itself when it can.
    return loaded.find((m) => this.owned.has(m.instanceId)) ?? loaded[0];
  }

  /** Two requests for the same unloaded file share one load. */
  private load(path: string): Promise<LoadedModel> {
    let pending = this.loading.get(path);
    if (!pending) {
      pending = (async () => {
        let model: LoadedModel | null = null;
        for await (const event of this.deps.resolver.load(path, this.deps.savedSettings(path), HOLDER)) if (event.type === 'loaded') model = event.model;
        if (!model) throw new Error('the load ended without a model');
        this.owned.set(model.instanceId, { active: 0, lastUsed: this.now() });
        return model;
      })().finally(() => this.loading.delete(path));
      this.loading.set(path, pending);
    }
    return pending;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
