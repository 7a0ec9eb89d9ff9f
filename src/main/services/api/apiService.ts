import type { ApiKeyInfo, ApiLogEntry, ApiModel, ApiStatus, LoadedModel, Sampling } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { EngineSupervisor, ToolCallListener } from '../../engineProcess/engineSupervisor';
import type { ChatTurn, GenerateOptions, GenerationResult } from '../../engineProcess/protocol';
import type { ModelResolver } from '../inference/modelResolver';
import type { LibraryService } from '../library/libraryService';
import type { SettingsService } from '../settings/settingsService';
import type { ApiKeyStore } from './apiKeyStore';
import { JitModels } from './jitModels';
import { apiModels, resolveApiModel } from './modelDirectory';
import type { RequestLogStore } from './requestLogStore';
import type { LoadSettingsStore } from '../engine/loadSettingsStore';

export interface ApiServiceDeps {
  keys: ApiKeyStore;
  log: RequestLogStore;
  shell: 'electron' | 'headless';
  settings: SettingsService;
  library: LibraryService;
  engine: EngineSupervisor;
  resolver: ModelResolver;
  loadSettings: Pick<LoadSettingsStore, 'get'>;
}

/** A model held for one request: released when the request ends (idle unloading counts from then). */
export interface ModelLease {
  /** The name the request used, as the response reports it. */
  id: string;
  model: LoadedModel;
  release(): void;
}

/** What a request did not say: Caliper's own defaults, except that no repeat penalty applies (as in OpenAI's API). */
export type ApiSampling = Partial<Omit<Sampling, 'maxTokens'>> & { maxTokens?: number };

/**
 * The local API's behaviour, whatever transport serves it: model names, just-in-time loading,
 * generation, keys and the request log. `server/api` speaks OpenAI's protocol on top of it.
 */
export class ApiService {
  readonly keys: ApiKeyStore;
  readonly log: RequestLogStore;
  private readonly jit: JitModels;
  private statusNow: ApiStatus;
  private readonly didChangeStatus = new Emitter<ApiStatus>();
  readonly onDidChangeStatus = this.didChangeStatus.event;

  constructor(private readonly deps: ApiServiceDeps) {
    this.keys = deps.keys;
    this.log = deps.log;
    this.jit = new JitModels({
      engine: deps.engine,
      resolver: deps.resolver,
      idleMinutes: () => deps.settings.get().apiIdleUnloadMinutes,
      savedSettings: (path) => deps.loadSettings.get(path),
    });
    this.statusNow = { shell: deps.shell, serving: false, baseUrl: null, error: null, hostTokenAccepted: false };
  }

  status(): ApiStatus {
    return this.statusNow;
  }

  /** The shell reports where (and whether) `/v1` is served. */
  setStatus(patch: Partial<Omit<ApiStatus, 'shell'>>): void {
    this.statusNow = { ...this.statusNow, ...patch };
    this.didChangeStatus.fire(this.statusNow);
  }

  listKeys(): ApiKeyInfo[] {
    return this.keys.list();
  }

  async models(): Promise<ApiModel[]> {
    const library = this.deps.library;
    // Watching keeps the snapshot current, so later requests need no scan.
    library.watch();
    const snapshot = library.current ?? (await library.list());
    // What the window may see as loaded: a blind battle's models are not shown as loaded.
    return apiModels(snapshot.files, this.deps.resolver.list(), this.deps.settings.get().apiAliases);
  }

  /** Finds the named model and makes sure it is loaded (loading it now if needed). */
  async use(name: string): Promise<ModelLease> {
    const model = resolveApiModel(await this.models(), name);
    if (!model) throw appError('API_MODEL_NOT_FOUND', { model: name });
    const { model: loaded, release } = await this.jit.acquire(model.path);
    return { id: name, model: loaded, release };
  }

  chat(
    lease: ModelLease,
    turns: ChatTurn[],
    sampling: ApiSampling,
    options: GenerateOptions,
    sink: { onText: (text: string, segment: 'text' | 'thought') => void; onToolCall: ToolCallListener },
    signal: AbortSignal,
  ): Promise<GenerationResult> {
    return this.deps.engine.generate(lease.model.instanceId, turns, this.sampling(lease, sampling), sink.onText, signal, {
      options,
      onToolCall: sink.onToolCall,
    });
  }

  complete(
    lease: ModelLease,
    prompt: string,
    sampling: ApiSampling,
    options: Pick<GenerateOptions, 'stop' | 'presencePenalty' | 'frequencyPenalty' | 'responseFormat'>,
    onText: (text: string) => void,
    signal: AbortSignal,
  ): Promise<GenerationResult> {
    return this.deps.engine.complete(lease.model.instanceId, prompt, this.sampling(lease, sampling), options, onText, signal);
  }

  embed(lease: ModelLease, inputs: string[]): Promise<{ vectors: Float32Array[]; tokenCounts: number[] }> {
    return this.deps.engine.embed(lease.model.instanceId, inputs);
  }

  recordRequest(entry: Omit<ApiLogEntry, 'id'>): void {
    this.log.add(entry);
  }

  dispose(): void {
    this.jit.dispose();
  }

  /** Unloads idle models now (tests; the timer does it every 30 s). */
  sweepIdle(): void {
    this.jit.sweep();
  }

  private sampling(lease: ModelLease, s: ApiSampling): Sampling {
    return {
      temperature: s.temperature ?? 0.8,
      topP: s.topP ?? 0.95,
      topK: s.topK ?? 40,
      minP: s.minP ?? 0.05,
      repeatPenalty: s.repeatPenalty ?? 1,
      seed: s.seed ?? null,
      // Unbounded in the request: at most a context's worth, as llama-server does.
      maxTokens: s.maxTokens ?? lease.model.contextSize ?? 4096,
    };
  }
}
