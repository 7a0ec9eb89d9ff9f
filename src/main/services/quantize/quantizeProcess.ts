import type { EntryPoint } from '../../base/entryPoints';
import type { EngineLauncher, EngineProcess } from '../../engineProcess/launcher';
import type { QuantizeCall, QuantizeMessage, QuantizeReply } from '../../engineProcess/quantizeProtocol';

export class QuantizeExitedError extends Error {
  constructor(readonly exitCode: number | null) {
    super(`the quantize process exited (code ${exitCode})`);
  }
}

type Final = Exclude<QuantizeReply, { type: 'progress' }>;

/** One quantize process: calls in order, per-tensor progress and a final reply out. Killing it is the cancel. */
export class QuantizeProcess {
  private readonly proc: EngineProcess;
  private nextId = 1;
  private exited = false;
  private readonly pending = new Map<number, { resolve: (m: Final) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number) => void }>();

  /** `lowPriority`: the process lowers itself before llama.cpp starts a thread (a chat is running). */
  constructor(entry: EntryPoint, launch: EngineLauncher, readonly lowPriority: boolean) {
    this.proc = launch(entry, { CALIPER_QUANTIZE_PRIORITY: lowPriority ? 'low' : 'normal' });
    this.proc.onMessage((raw) => {
      const m = raw as QuantizeMessage;
      if (m.type === 'ready') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m.done, m.total);
      this.pending.delete(m.id);
      p.resolve(m);
    });
    this.proc.onExit((code) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new QuantizeExitedError(code));
      this.pending.clear();
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  call(body: Omit<QuantizeCall, 'id' | 'type'>, onProgress?: (done: number, total: number) => void): Promise<Final> {
    if (this.exited) return Promise.reject(new QuantizeExitedError(null));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.proc.postMessage({ ...body, id, type: 'quantize' } satisfies QuantizeCall);
    });
  }

  kill(): void {
    if (!this.exited) this.proc.kill();
  }
}
