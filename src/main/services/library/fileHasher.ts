import type { Worker } from 'node:worker_threads';
import { startWorker, type EntryPoint } from '../../base/entryPoints';
import type { FileHashCache } from './fileHashCache';
import type { HashRequest, HashResponse } from './worker/fileHashProtocol';

export interface HashJob {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Computes SHA-256 of library files in the background, one file at a time, in a low-priority
 * worker thread; results go to the cache and to `onHashed`. Nothing waits for it: files are
 * listed with `sha256: null` until their turn comes.
 */
export class FileHasher {
  private worker: Worker | null = null;
  private queue: HashJob[] = [];
  private current: { job: HashJob; id: number } | null = null;
  private nextId = 1;
  private disposed = false;
  /** Files actually read and hashed by this instance (cache hits do not count); tests read it. */
  hashedCount = 0;

  constructor(
    private readonly entry: EntryPoint,
    private readonly cache: FileHashCache,
    private readonly onHashed: (job: HashJob, sha256: string) => void,
  ) {}

  /** Queues files whose hash is not cached; smaller files first, so duplicates show up early. */
  enqueue(jobs: HashJob[]): void {
    if (this.disposed) return;
    const version = (j: HashJob) => `${j.path}\u0000${j.size}\u0000${j.mtimeMs}`;
    const fresh = new Map(jobs.map((j) => [j.path, j]));
    // A queued job for an older version of a file is replaced by the current one.
    this.queue = this.queue.filter((j) => !fresh.has(j.path) || version(fresh.get(j.path)!) === version(j));
    const queued = new Set([...this.queue, ...(this.current ? [this.current.job] : [])].map(version));
    for (const job of fresh.values()) {
      if (queued.has(version(job)) || this.cache.get(job.path, job.size, job.mtimeMs)) continue;
      this.queue.push(job);
      queued.add(version(job));
    }
    this.queue.sort((a, b) => a.size - b.size);
    this.pump();
  }

  /** Whether work is queued or running. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.queue = [];
    this.current = null;
    await this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    // The download code may have recorded it while it waited.
    if (this.cache.get(job.path, job.size, job.mtimeMs)) return this.pump();
    this.current = { job, id: this.nextId++ };
    this.ensureWorker().postMessage({ id: this.current.id, path: job.path } satisfies HashRequest);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.entry, { maxOldGenerationSizeMb: 64 });
    worker.on('message', (res: HashResponse) => {
      const current = this.current;
      if (this.disposed || !current || res.id !== current.id) return;
      this.current = null;
      const { job } = current;
      // A file that changed since the scan listed it is hashed again after the next scan.
      if ('sha256' in res && res.size === job.size && Math.trunc(res.mtimeMs) === Math.trunc(job.mtimeMs)) {
        this.hashedCount++;
        this.cache.put(job.path, job.size, job.mtimeMs, res.sha256);
        this.onHashed(job, res.sha256);
      }
      this.pump();
    });
    const restart = () => {
      if (worker !== this.worker) return;
      this.worker = null;
      this.current = null;
      this.pump();
    };
    worker.on('error', restart);
    worker.on('exit', restart);
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
