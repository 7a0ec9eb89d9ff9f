import type { GpuInfo } from '../../shared/contract';
import type { EntryPoint } from '../base/entryPoints';
import type { EngineLauncher, EngineProcess } from './launcher';
import type { EngineMessage, EngineRequest } from './protocol';

type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (m: EngineMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class EngineUnavailableError extends Error {}

/**
 * Starts the engine host process on first use, routes requests to it, and fails pending requests
 * when it exits; the next request starts a fresh one.
 */
export class EngineSupervisor {
  private proc: EngineProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private gpuInfo: Promise<GpuInfo> | null = null;
  private disposed = false;

  constructor(
    private readonly entry: EntryPoint,
    private readonly launch: EngineLauncher,
    private readonly timeoutMs = 30_000,
  ) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** What llama.cpp detects; asked once, kept for the session. */
  gpu(): Promise<GpuInfo> {
    this.gpuInfo ??= this.request({ type: 'hardware' }).then(
      (m): GpuInfo =>
        m.type === 'hardware'
          ? m.gpu
          : { state: 'failed', code: 'ENGINE_UNAVAILABLE', detail: m.type === 'error' ? m.detail : 'unexpected reply' },
      (error: Error): GpuInfo => {
        this.gpuInfo = null; // allow a retry later
        return {
          state: 'failed',
          code: error.message.includes('timed out') ? 'TIMEOUT' : 'ENGINE_UNAVAILABLE',
          detail: error.message,
        };
      },
    );
    return this.gpuInfo;
  }

  request(body: RequestBody): Promise<EngineMessage> {
    if (this.disposed) return Promise.reject(new EngineUnavailableError('engine supervisor is shut down'));
    const proc = this.ensureProcess();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new EngineUnavailableError(`engine request ${body.type} timed out`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      proc.postMessage({ ...body, id });
    });
  }

  dispose(): void {
    this.disposed = true;
    this.proc?.kill();
    this.failAll('engine supervisor is shut down');
    this.proc = null;
  }

  private ensureProcess(): EngineProcess {
    if (this.proc) return this.proc;
    const proc = this.launch(this.entry);
    proc.onMessage((raw) => {
      const m = raw as EngineMessage;
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(m);
    });
    proc.onExit((code) => {
      if (this.proc !== proc) return;
      this.proc = null;
      this.failAll(`engine process exited (code ${code})`);
    });
    this.proc = proc;
    return proc;
  }

  private failAll(reason: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new EngineUnavailableError(reason));
    }
    this.pending.clear();
  }
}
