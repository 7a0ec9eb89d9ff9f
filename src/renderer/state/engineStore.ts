import { create } from 'zustand';
import type { LoadedModel, LoadSettingsInput } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

/** A load started from this window: its progress, or the reason it was refused. */
export interface LoadAttempt {
  progress: number;
  error: unknown;
  running: boolean;
}

interface EngineState {
  /** Live from `engine.onDidChange`; null until the first event. */
  models: LoadedModel[] | null;
  /** Keyed by model path. */
  loads: Record<string, LoadAttempt>;
  defaults: { threads: number; contextSize: number } | null;
}

export const useEngineStore = create<EngineState>()(() => ({ models: null, loads: {}, defaults: null }));

const controllers = new Map<string, AbortController>();

function setLoad(path: string, attempt: LoadAttempt | null): void {
  useEngineStore.setState((s) => {
    const loads = { ...s.loads };
    if (attempt) loads[path] = attempt;
    else delete loads[path];
    return { loads };
  });
}

/** Loads a model; progress and the outcome land in `loads[path]`, the model in `models`. */
export async function loadModel(client: CaliperClient, path: string, settings: LoadSettingsInput): Promise<void> {
  controllers.get(path)?.abort();
  const controller = new AbortController();
  controllers.set(path, controller);
  setLoad(path, { progress: 0, error: null, running: true });
  try {
    const events = await client.engine.load({ path, settings }, { signal: controller.signal });
    for await (const event of events) {
      if (controller.signal.aborted) break;
      if (event.type === 'progress') setLoad(path, { progress: event.progress, error: null, running: true });
      else {
        setLoad(path, null);
        upsertModel(event.model);
      }
    }
    if (!controller.signal.aborted) setLoad(path, null);
  } catch (error) {
    if (controller.signal.aborted) setLoad(path, null);
    else setLoad(path, { progress: 0, error, running: false });
  } finally {
    if (controllers.get(path) === controller) controllers.delete(path);
  }
}

/** Stops following a load (the engine is asked to abandon it by the aborted call). */
export function cancelLoad(path: string): void {
  controllers.get(path)?.abort();
  setLoad(path, null);
}

export function dismissLoadError(path: string): void {
  const attempt = useEngineStore.getState().loads[path];
  if (attempt && !attempt.running) setLoad(path, null);
}

/** Ejects a loaded model; throws the typed error for the caller to show. */
export async function ejectModel(client: CaliperClient, instanceId: string): Promise<void> {
  await client.engine.unload({ instanceId });
  useEngineStore.setState((s) => ({ models: s.models?.filter((m) => m.instanceId !== instanceId) ?? null }));
}

function upsertModel(model: LoadedModel): void {
  useEngineStore.setState((s) => {
    const models = s.models ?? [];
    const index = models.findIndex((m) => m.instanceId === model.instanceId);
    if (index === -1) return { models: [...models, model] };
    const next = models.slice();
    next[index] = model;
    return { models: next };
  });
}

/** Follows the loaded models until the signal ends (re-subscribed by the session after a drop). */
export async function watchEngine(client: CaliperClient, signal: AbortSignal): Promise<void> {
  const events = await client.engine.onDidChange(undefined, { signal });
  for await (const models of events) {
    useEngineStore.setState({ models });
  }
}

export async function fetchEngineDefaults(client: CaliperClient, signal: AbortSignal): Promise<void> {
  const defaults = await client.engine.defaults(undefined, { signal });
  useEngineStore.setState({ defaults });
}

/** The instance serving `path` (the newest, if several), or null. */
export function instanceFor(models: LoadedModel[] | null, path: string | null): LoadedModel | null {
  if (!models || !path) return null;
  for (let i = models.length - 1; i >= 0; i--) if (models[i]!.path === path) return models[i]!;
  return null;
}

/** The last part of a path, for either separator. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
