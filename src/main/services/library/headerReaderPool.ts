import type { Worker } from 'node:worker_threads';
import type { GgufFacts, GgufProblem } from '../../../shared/contract';
import { startWorker, type EntryPoint } from '../../base/entryPoints';
import type { HeaderDetails } from '../../gguf/ggufDetails';
import type { HeaderRequest, HeaderResponse } from './worker/protocol';

export type HeaderResult = { facts: GgufFacts; problem: null } | { facts: null; problem: GgufProblem };
export type DetailsResult =
  | { facts: GgufFacts; details: HeaderDetails; problem: null }
  | { facts: null; details: null; problem: GgufProblem };

type WorkerResult = { facts: GgufFacts; problem: null; details?: HeaderDetails } | { facts: null; problem: GgufProblem };

interface Pending {
  req: HeaderRequest;
  resolve: (r: WorkerResult) => void;
}

export interface HeaderReaderOptions {
  /** Per file; a header that takes longer is reported, and its worker is replaced. */
  timeoutMs?: number;
  maxHeapMb?: number;
}

/**
 * Reads GGUF headers in one worker thread, one file at a time. A worker that times out or runs
 * out of its heap is terminated and replaced; the file is reported with the reason.
 */
export class HeaderReaderPool {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private disposed = false;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(
    private readonly entry: EntryPoint,
    options: HeaderReaderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxHeapMb = options.maxHeapMb ?? 256;
  }

  read(path: string, declaredSize?: number): Promise<HeaderResult> {
    if (this.disposed) return Promise.reject(new Error('HeaderReaderPool is disposed'));
    return new Promise((resolve) => {
      this.queue.push({ req: { id: this.nextId++, path, declaredSize }, resolve });
      this.pump();
    });
  }

  /** The facts plus what the inspector shows (templates, tokenizer, license, all metadata). */
  readDetails(path: string): Promise<DetailsResult> {
    if (this.disposed) return Promise.reject(new Error('HeaderReaderPool is disposed'));
    return new Promise((resolve) => {
      const done = (r: WorkerResult) => {
        if (r.problem) resolve({ facts: null, details: null, problem: r.problem });
        else if (r.details) resolve({ facts: r.facts, details: r.details, problem: null });
        else resolve({ facts: null, details: null, problem: { code: 'READ_FAILED', detail: 'the reader sent no details' } });
      };
      this.queue.push({ req: { id: this.nextId++, path, details: true }, resolve: done });
      this.pump();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const p of this.queue.splice(0)) {
      p.resolve({ facts: null, problem: { code: 'READ_FAILED', detail: 'reader closed' } });
    }
    this.finish({ facts: null, problem: { code: 'READ_FAILED', detail: 'reader closed' } });
    await this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    const worker = this.ensureWorker();
    this.timer = setTimeout(() => {
      this.replaceWorker({ code: 'READ_TIMEOUT', detail: `no answer within ${this.timeoutMs} ms` });
    }, this.timeoutMs);
    worker.postMessage(next.req);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.entry, {
      maxOldGenerationSizeMb: this.maxHeapMb,
      maxYoungGenerationSizeMb: 32,
    });
    worker.on('message', (res: HeaderResponse) => {
      if (res.id !== this.current?.req.id) return;
      this.finish('facts' in res ? { facts: res.facts, problem: null, details: res.details } : { facts: null, problem: res.problem });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      const code = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'HEADER_TOO_COMPLEX' : 'READ_FAILED';
      this.replaceWorker({ code, detail: error.message.slice(0, 500) });
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      this.replaceWorker({ code: 'READ_FAILED', detail: 'header reader stopped' });
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private replaceWorker(problem: GgufProblem): void {
    const dead = this.worker;
    this.worker = null;
    void dead?.terminate();
    this.finish({ facts: null, problem });
  }

  private finish(result: WorkerResult): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const done = this.current;
    this.current = null;
    done?.resolve(result);
    this.pump();
  }
}
