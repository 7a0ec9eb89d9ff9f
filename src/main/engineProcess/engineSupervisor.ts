import { randomUUID } from 'node:crypto';
import type { EngineBuildInfo, GpuInfo, KvCacheChart, LoadedModel, LoadSettings, MemoryEstimate, Sampling } from '../../shared/contract';
import { delayFor } from '../../shared/backoff';
import { appError } from '../base/appError';
import { Emitter } from '../base/emitter';
import type { EntryPoint } from '../base/entryPoints';
import { EngineConnection, EngineExitedError, type RequestBody } from './engineConnection';
import type { EngineLauncher } from './launcher';
import { defaultThreadCount, FALLBACK_MATH_CORES } from './threads';
import type {
  AdapterCheck,
  BandwidthOutcome,
  BenchCall,
  BenchHostEvent,
  ChatTurn,
  EngineResponse,
  GenerateOptions,
  GenerationResult,
  QualityCall,
  QualityOutcome,
  QualityPhase,
} from './protocol';

/** A piece of a tool call as it streams: `name` on the call's first delta. */
export type ToolCallListener = (index: number, name: string | null, argumentsDelta: string) => void;

interface Instance {
  id: string;
  path: string;
  settings: LoadSettings;
  threads: number;
  conn: EngineConnection | null;
  model: LoadedModel;
  restartTimes: number[];
}

export interface EngineSupervisorOptions {
  /** Restarts allowed for one model within `restartWindowMs` before it is marked failed. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** First restart delay; doubles per restart in the window. */
  backoffMs?: number;
}

/**
 * Owns the engine processes: one "probe" for hardware questions and estimates, and one process per
 * loaded model, so two models answer side by side and a crash costs one model. A model whose
 * process dies is restarted with backoff and reloaded with the same settings, up to a cap.
 */
export class EngineSupervisor {
  private probe: EngineConnection | null = null;
  private gpuInfo: Promise<GpuInfo> | null = null;
  private readonly instances = new Map<string, Instance>();
  private readonly didChange = new Emitter<LoadedModel[]>();
  readonly onDidChange = this.didChange.event;
  private disposed = false;
  private readonly options: Required<EngineSupervisorOptions>;
  /** The llama.cpp build the probe reported (prebuilt or native); null until it answered. */
  private engineBuild: EngineBuildInfo | null = null;
  /** Answers in flight across all instances, and how many have started since this supervisor began. */
  private generating = 0;
  private generationsStarted = 0;

  constructor(
    private readonly entry: EntryPoint,
    private readonly launch: EngineLauncher,
    options: EngineSupervisorOptions = {},
  ) {
    this.options = { maxRestarts: 3, restartWindowMs: 60_000, backoffMs: 500, ...options };
  }

  /** The probe process (hardware, estimates); exposed for tests. */
  get pid(): number | undefined {
    return this.probe?.pid;
  }

  list(): LoadedModel[] {
    return [...this.instances.values()].map((i) => i.model);
  }

  instance(instanceId: string): LoadedModel | undefined {
    return this.instances.get(instanceId)?.model;
  }

  pidOf(instanceId: string): number | undefined {
    return this.instances.get(instanceId)?.conn?.pid;
  }

  /** What llama.cpp detects; asked once, kept for the session. */
  gpu(): Promise<GpuInfo> {
    this.gpuInfo ??= this.probeRequest({ type: 'hardware' }).then(
      (m): GpuInfo => {
        if (m.type !== 'hardware') return { state: 'failed', code: 'ENGINE_UNAVAILABLE', detail: m.type === 'error' ? m.detail : 'unexpected reply' };
        this.engineBuild = m.engine ?? null;
        return m.gpu;
      },
      (error: Error): GpuInfo => {
        this.gpuInfo = null; // allow a retry later
        return { state: 'failed', code: error.message.includes('timed out') ? 'TIMEOUT' : 'ENGINE_UNAVAILABLE', detail: error.message };
      },
    );
    return this.gpuInfo;
  }

  /** The llama.cpp build engine processes load (asks the probe once). */
  async engineBuildInfo(): Promise<EngineBuildInfo | null> {
    await this.gpu();
    return this.engineBuild;
  }

  /**
   * Ends the probe so the next question starts one with the current launch environment (after the
   * engine build in use changed). Loaded models keep their processes and binaries.
   */
  restartProbe(): void {
    this.probe?.kill();
    this.probe = null;
    this.gpuInfo = null;
    this.engineBuild = null;
  }

  /** Answers being generated now by any loaded model, and how many have started so far. */
  generationActivity(): { active: number; started: number } {
    return { active: this.generating, started: this.generationsStarted };
  }

  /**
   * llama-bench's tests in an engine process of its own (nothing else runs in it), ended afterwards;
   * aborting ends it at once. Resolves with the build that ran them.
   */
  async runBench(call: BenchCall, onEvent: (e: BenchHostEvent) => void, signal?: AbortSignal): Promise<EngineBuildInfo> {
    if (this.disposed) throw new Error('engine supervisor is shut down');
    const conn = new EngineConnection(this.entry, this.launch);
    const onAbort = () => conn.kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const m = await conn.request({ type: 'bench', ...call }, { timeoutMs: null, onEvent: (e) => e.type === 'benchProgress' && onEvent(e.event) });
      if (m.type === 'bench') return m.engine;
      throw appError('BENCH_FAILED', { detail: m.type === 'error' ? m.detail : `unexpected reply ${m.type}` });
    } catch (error) {
      if (error instanceof EngineExitedError) throw appError('BENCH_FAILED', { detail: signal?.aborted ? 'cancelled' : error.message });
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      conn.kill();
    }
  }

  /** Memory read bandwidth measured in an engine process started for it (a few seconds). */
  async measureBandwidth(threads?: number): Promise<BandwidthOutcome> {
    if (this.disposed) throw new Error('engine supervisor is shut down');
    const conn = new EngineConnection(this.entry, this.launch);
    try {
      const m = await conn.request({ type: 'bandwidth', threads }, { timeoutMs: 120_000 });
      if (m.type === 'bandwidth') return m.outcome;
      throw appError('BENCH_FAILED', { detail: m.type === 'error' ? m.detail : `unexpected reply ${m.type}` });
    } catch (error) {
      if (error instanceof EngineExitedError) throw appError('BENCH_FAILED', { detail: error.message });
      throw error;
    } finally {
      conn.kill();
    }
  }

  /** See defaultThreadCount: never the library's own default. */
  async defaultThreads(busyThreads = 0): Promise<number> {
    const gpu = await this.gpu();
    return defaultThreadCount(gpu.state === 'ready' ? gpu.cpuMathCores : FALLBACK_MATH_CORES, busyThreads);
  }

  async estimate(path: string, settings: LoadSettings): Promise<MemoryEstimate> {
    const m = await this.probeRequest({ type: 'estimate', path, settings }, 60_000);
    if (m.type === 'estimate') return m.estimate;
    throw this.loadError(path, m);
  }

  /** KV-cache bytes per context size and cache type, computed by the probe from the header. */
  async kvCache(path: string, contextSizes: number[]): Promise<KvCacheChart> {
    const m = await this.probeRequest({ type: 'kvCache', path, contextSizes }, 60_000);
    if (m.type === 'kvCache') return m.chart;
    throw new Error(m.type === 'error' ? m.detail : `unexpected reply ${m.type}`);
  }

  /** Whether a LoRA adapter's architecture and tensor shapes fit a model (the probe reads both headers). */
  async checkAdapter(modelPath: string, adapterPath: string): Promise<AdapterCheck> {
    const m = await this.probeRequest({ type: 'adapterCheck', modelPath, adapterPath });
    if (m.type === 'adapterCheck') return m.check;
    throw new Error(m.type === 'error' ? m.detail : `unexpected reply ${m.type}`);
  }

  /**
   * Perplexity and KL divergence in an engine process of its own (two models, one after the
   * other), ended afterwards; aborting ends it at once.
   */
  async measureQuality(
    call: QualityCall,
    onProgress: (phase: QualityPhase, done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<QualityOutcome> {
    if (this.disposed) throw new Error('engine supervisor is shut down');
    const conn = new EngineConnection(this.entry, this.launch);
    const onAbort = () => conn.kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const m = await conn.request(
        { type: 'quality', ...call },
        { timeoutMs: null, onEvent: (e) => e.type === 'qualityProgress' && onProgress(e.phase, e.done, e.total) },
      );
      if (m.type === 'quality') return m.outcome;
      throw appError('QUALITY_FAILED', { detail: m.type === 'error' ? m.detail : `unexpected reply ${m.type}` });
    } catch (error) {
      if (error instanceof EngineExitedError) {
        throw appError('QUALITY_FAILED', { detail: signal?.aborted ? 'cancelled' : error.message });
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      conn.kill();
    }
  }

  /** Aborting `signal` while the model loads ends its process; nothing stays loaded. */
  async load(path: string, settings: LoadSettings, onProgress?: (p: number) => void, signal?: AbortSignal): Promise<LoadedModel> {
    const threads = settings.threads ?? (await this.defaultThreads());
    const id = randomUUID();
    const instance: Instance = {
      id,
      path,
      settings,
      threads,
      conn: null,
      restartTimes: [],
      model: {
        instanceId: id,
        path,
        settings,
        state: 'loading',
        gpuLayers: null,
        totalLayers: null,
        contextSize: null,
        threads,
        estimate: null,
        processRssBytes: null,
        peakRssBytes: null,
        restarts: 0,
        error: null,
        holders: 0,
        blind: false,
      },
    };
    this.instances.set(id, instance);
    this.fire();
    const onAbort = () => this.unload(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.start(instance, onProgress);
      // Unloaded (or the caller gave up) while loading: do not leave the process behind.
      if (this.instances.get(id) !== instance) {
        instance.conn?.kill();
        throw appError('MODEL_LOAD_FAILED', { path, detail: 'the load was cancelled' });
      }
      return instance.model;
    } catch (error) {
      if (this.instances.get(id) === instance) this.instances.delete(id);
      this.fire();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  unload(instanceId: string): void {
    const instance = this.instances.get(instanceId);
    if (!instance) return;
    this.instances.delete(instanceId);
    instance.conn?.kill();
    this.fire();
  }

  /** Finds a loaded (or restarting) instance of this file. */
  findByPath(path: string): LoadedModel | undefined {
    return this.list().find((m) => m.path === path && m.state !== 'failed');
  }

  async generate(
    instanceId: string,
    history: ChatTurn[],
    sampling: Sampling,
    onChunk: (text: string, segment: 'text' | 'thought') => void,
    signal?: AbortSignal,
    extras: { options?: GenerateOptions; onToolCall?: ToolCallListener } = {},
  ): Promise<GenerationResult> {
    return this.stream(
      instanceId,
      (generationId) => ({ type: 'generate', generationId, history, sampling, options: extras.options }),
      onChunk,
      signal,
      extras.onToolCall,
    );
  }

  /** Raw text continued without a chat template (the API's `/v1/completions`). */
  async complete(
    instanceId: string,
    prompt: string,
    sampling: Sampling,
    options: Extract<RequestBody, { type: 'complete' }>['options'],
    onChunk: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerationResult> {
    return this.stream(instanceId, (generationId) => ({ type: 'complete', generationId, prompt, sampling, options }), onChunk, signal);
  }

  async embed(instanceId: string, inputs: string[]): Promise<{ vectors: Float32Array[]; tokenCounts: number[] }> {
    const conn = this.connectionOf(instanceId);
    const m = await this.request(conn, { type: 'embed', inputs });
    if (m.type === 'embedded') return { vectors: m.vectors, tokenCounts: m.tokenCounts };
    throw this.requestError(m);
  }

  private async stream(
    instanceId: string,
    body: (generationId: string) => RequestBody,
    onChunk: (text: string, segment: 'text' | 'thought') => void,
    signal?: AbortSignal,
    onToolCall?: ToolCallListener,
  ): Promise<GenerationResult> {
    const conn = this.connectionOf(instanceId);
    const instance = this.instances.get(instanceId)!;
    const generationId = randomUUID();
    const onAbort = () => void conn.request({ type: 'cancel', generationId }).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.generating++;
    this.generationsStarted++;
    try {
      const m = await this.request(conn, body(generationId), (e) => {
        if (e.type === 'chunk') onChunk(e.text, e.segment);
        else if (e.type === 'toolCall') onToolCall?.(e.index, e.name, e.argumentsDelta);
      });
      if (m.type !== 'generated') throw this.requestError(m);
      void this.refreshMemory(instance);
      return m.result;
    } finally {
      this.generating--;
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private connectionOf(instanceId: string): EngineConnection {
    const instance = this.instances.get(instanceId);
    if (!instance?.conn || instance.model.state !== 'loaded') {
      throw appError('MODEL_NOT_LOADED', { path: instance?.path ?? '' });
    }
    return instance.conn;
  }

  /** A request to a model's process; its death mid-request is ENGINE_CRASHED. */
  private async request(conn: EngineConnection, body: RequestBody, onEvent?: (e: EngineResponse) => void): Promise<EngineResponse> {
    try {
      return await conn.request(body, { timeoutMs: null, onEvent });
    } catch (error) {
      if (error instanceof EngineExitedError || !conn.alive) {
        throw appError('ENGINE_CRASHED', { detail: (error as Error).message });
      }
      throw error;
    }
  }

  /** BAD_REQUEST from the engine is the caller's fault (an input too long, an unusable schema). */
  private requestError(m: EngineResponse) {
    if (m.type === 'error' && m.code === 'BAD_REQUEST') return appError('ENGINE_REJECTED', { detail: m.detail });
    return appError('ENGINE_CRASHED', { detail: m.type === 'error' ? m.detail : m.type });
  }

  dispose(): void {
    this.disposed = true;
    this.probe?.kill();
    for (const i of this.instances.values()) i.conn?.kill();
    this.instances.clear();
  }

  private async start(instance: Instance, onProgress?: (p: number) => void): Promise<void> {
    const conn = new EngineConnection(this.entry, this.launch);
    instance.conn = conn;
    const m = await conn
      .request(
        { type: 'load', path: instance.path, settings: instance.settings, threads: instance.threads },
        { timeoutMs: null, onEvent: (e) => e.type === 'loadProgress' && onProgress?.(e.progress) },
      )
      .catch((error: Error) => ({ type: 'error', code: 'MODEL_LOAD_FAILED', detail: error.message }) as const);
    if (m.type !== 'loaded') {
      conn.kill();
      instance.conn = null;
      throw this.loadError(instance.path, m as EngineResponse);
    }
    conn.onExit((code) => this.onCrash(instance, conn, code));
    instance.model = {
      ...instance.model,
      state: 'loaded',
      gpuLayers: m.info.gpuLayers,
      totalLayers: m.info.totalLayers,
      contextSize: m.info.contextSize,
      threads: m.info.threads,
      estimate: m.info.estimate,
      error: null,
    };
    await this.refreshMemory(instance);
  }

  private onCrash(instance: Instance, conn: EngineConnection, code: number | null): void {
    if (this.disposed || this.instances.get(instance.id) !== instance || instance.conn !== conn) return;
    instance.conn = null;
    const now = Date.now();
    instance.restartTimes = instance.restartTimes.filter((t) => now - t < this.options.restartWindowMs);
    const detail = `engine process exited (code ${code})`;
    if (instance.restartTimes.length >= this.options.maxRestarts) {
      instance.model = { ...instance.model, state: 'failed', error: { code: 'ENGINE_CRASHED', detail } };
      this.fire();
      return;
    }
    instance.model = { ...instance.model, state: 'crashed', error: { code: 'ENGINE_CRASHED', detail } };
    this.fire();
    const delay = delayFor(instance.restartTimes.length, { baseMs: this.options.backoffMs });
    instance.restartTimes.push(now);
    setTimeout(() => {
      if (this.disposed || this.instances.get(instance.id) !== instance) return;
      instance.model = { ...instance.model, state: 'restarting', restarts: instance.model.restarts + 1 };
      this.fire();
      this.start(instance).catch((error: Error) => {
        instance.model = { ...instance.model, state: 'failed', error: { code: 'MODEL_LOAD_FAILED', detail: error.message } };
        this.fire();
      });
    }, delay).unref();
  }

  /** Measures the instance's engine process now (memory and its peak) and returns the model. */
  async measure(instanceId: string): Promise<LoadedModel | undefined> {
    const instance = this.instances.get(instanceId);
    if (instance) await this.refreshMemory(instance);
    return this.instances.get(instanceId)?.model;
  }

  private async refreshMemory(instance: Instance): Promise<void> {
    const m = await instance.conn?.request({ type: 'memory' }).catch(() => null);
    if (m?.type === 'memory') {
      // A restarted process starts a new peak; within one process the kernel's mark only grows.
      instance.model = { ...instance.model, processRssBytes: m.rssBytes, peakRssBytes: Math.max(m.peakRssBytes, m.rssBytes) };
    }
    this.fire();
  }

  private async probeRequest(body: RequestBody, timeoutMs = 30_000) {
    if (this.disposed) throw new Error('engine supervisor is shut down');
    if (!this.probe?.alive) this.probe = new EngineConnection(this.entry, this.launch);
    const probe = this.probe;
    try {
      return await probe.request(body, { timeoutMs });
    } catch (error) {
      // A probe stuck on a hostile file is replaced rather than trusted again.
      probe.kill();
      if (this.probe === probe) this.probe = null;
      throw error;
    }
  }

  private loadError(path: string, m: EngineResponse) {
    if (m.type === 'error' && m.code === 'MODEL_WONT_FIT' && m.data) {
      return appError('MODEL_WONT_FIT', m.data as never);
    }
    return appError('MODEL_LOAD_FAILED', { path, detail: m.type === 'error' ? m.detail : `unexpected reply ${m.type}` });
  }

  private fire(): void {
    this.didChange.fire(this.list());
  }
}
