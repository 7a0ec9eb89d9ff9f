import type { EntryPoint } from '../base/entryPoints';
import type { EngineLauncher, EngineProcess } from './launcher';
import { finalResponseTypes, type EngineMessage, type EngineRequest, type EngineResponse } from './protocol';

/** A request without its id (the connection numbers them); distributive over the union. */
export type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (m: EngineResponse) => void;
  reject: (e: Error) => void;
  onEvent?: (m: EngineResponse) => void;
  timer: NodeJS.Timeout | null;
}

export class EngineExitedError extends Error {
  constructor(readonly exitCode: number | null) {
    super(`engine process exited (code ${exitCode})`);
    this.name = 'EngineExitedError';
  }
}

/** One engine host process: requests in, progress events and a final response out. */
export class EngineConnection {
  private readonly proc: EngineProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  private readonly exitListeners = new Set<(code: number | null) => void>();

  constructor(entry: EntryPoint, launch: EngineLauncher) {
    this.proc = launch(entry);
    this.proc.onMessage((raw) => this.onMessage(raw as EngineMessage));
    this.proc.onExit((code) => {
      this.exited = true;
      for (const p of this.pending.values()) {
        if (p.timer) clearTimeout(p.timer);
        p.reject(new EngineExitedError(code));
      }
      this.pending.clear();
      for (const l of this.exitListeners) l(code);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  onExit(listener: (code: number | null) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Sends a request; `timeoutMs` null waits as long as the engine works (generation, loading). */
  request(
    body: RequestBody,
    options: { timeoutMs?: number | null; onEvent?: (m: EngineResponse) => void } = {},
  ): Promise<EngineResponse> {
    if (this.exited) return Promise.reject(new EngineExitedError(null));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs === undefined ? 30_000 : options.timeoutMs;
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              this.pending.delete(id);
              reject(new Error(`engine request ${body.type} timed out`));
            }, timeoutMs);
      this.pending.set(id, { resolve, reject, onEvent: options.onEvent, timer });
      this.proc.postMessage({ ...body, id });
    });
  }

  kill(): void {
    if (!this.exited) this.proc.kill();
  }

  private onMessage(m: EngineMessage): void {
    if (!('id' in m)) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (!finalResponseTypes.has(m.type)) {
      p.onEvent?.(m);
      return;
    }
    this.pending.delete(m.id);
    if (p.timer) clearTimeout(p.timer);
    p.resolve(m);
  }
}
