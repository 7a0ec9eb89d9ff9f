import { createHash } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import type { FolderStatus, KvCacheChart, LibrarySnapshot, ModelDetails, ModelFile, ScanEvent } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { EntryPoint } from '../../base/entryPoints';
import { confineToFolders } from './confine';
import type { FileHashCache } from './fileHashCache';
import { foldSplitParts } from './splitParts';
import { FileHasher, type HashJob } from './fileHasher';
import type { HeaderCache } from './headerCache';
import type { HeaderReaderPool } from './headerReaderPool';
import { inspectModel } from './inspectModel';
import { LibraryWatcher, type LibraryWatcherOptions } from './libraryWatcher';
import { walkGgufFiles, type FoundFile } from './walkGgufFiles';

export interface LibraryServiceDeps {
  folders: () => string[];
  reader: HeaderReaderPool;
  cache: HeaderCache;
  hashes: FileHashCache;
  hashWorker: EntryPoint;
  /** Whether the engine holds this file now (a loaded model is not deleted under it). */
  isLoaded: (path: string) => boolean;
  estimateKvCache: (path: string, contextSizes: number[]) => Promise<KvCacheChart>;
  watch?: LibraryWatcherOptions;
}

/** Hashes finishing one after another are announced together, at most this often. */
const HASH_NOTIFY_MS = 500;

/**
 * The local model library: every `.gguf` (and Ollama model blob) under the model folders, with
 * the facts of its header and, once hashed in the background, its SHA-256. After the first scan
 * the folders are watched and every change is announced on `onDidChange`.
 */
export class LibraryService {
  private readonly didChange = new Emitter<LibrarySnapshot>();
  readonly onDidChange = this.didChange.event;
  private last: LibrarySnapshot | null = null;
  private watcher: LibraryWatcher | null = null;
  private readonly hasher: FileHasher;
  private rescanning: Promise<void> | null = null;
  private rescanAgain = false;
  private hashNotify: NodeJS.Timeout | null = null;
  private readonly stopping = new AbortController();
  private disposed = false;

  constructor(private readonly deps: LibraryServiceDeps) {
    this.hasher = new FileHasher(deps.hashWorker, deps.hashes, (job, sha256) => this.hashed(job, sha256));
  }

  /** The last complete scan, with the hashes computed since. */
  get current(): LibrarySnapshot | null {
    return this.last;
  }

  /** Files read and hashed by this instance (cached hashes are not counted). */
  get hashedCount(): number {
    return this.hasher.hashedCount;
  }

  /** Starts watching the model folders (with a scan first, if none ran). Idempotent. */
  watch(): void {
    if (!this.watcher) this.rescan();
  }

  /** The model folders setting changed: watch the new set and announce what is there now. */
  foldersChanged(): void {
    if (this.watcher) this.rescan();
  }

  /**
   * A file was just put into a model folder (a finished download); a hash verified on the way
   * is recorded so the file is not read again to compute it.
   */
  async fileReady(path: string, sha256: string | null): Promise<void> {
    if (sha256) {
      const s = await stat(path);
      this.deps.hashes.put(path, s.size, s.mtimeMs, sha256);
    }
    this.rescan();
  }

  inspect(path: string): Promise<ModelDetails> {
    return inspectModel(path, this.deps);
  }

  async delete(path: string): Promise<void> {
    const real = await confineToFolders(path, this.deps.folders());
    if (!real.toLowerCase().endsWith('.gguf')) throw appError('PATH_NOT_IN_LIBRARY', { path });
    if (this.deps.isLoaded(real)) throw appError('MODEL_IN_USE', { path });
    await unlink(real);
    this.deps.cache.forget(real);
    this.deps.hashes.forget(real);
  }

  async list(signal?: AbortSignal): Promise<LibrarySnapshot> {
    let snapshot: LibrarySnapshot | null = null;
    for await (const event of this.scan(signal)) if (event.type === 'done') snapshot = event.snapshot;
    if (!snapshot) throw new Error('scan ended without a result');
    return snapshot;
  }

  async *scan(signal?: AbortSignal): AsyncGenerator<ScanEvent> {
    const found: FoundFile[] = [];
    const folders: FolderStatus[] = [];
    const directories: string[] = [];
    for (const folder of this.deps.folders()) {
      const walked = await walkGgufFiles(folder, signal);
      found.push(...walked.files);
      folders.push(walked.status);
      directories.push(...walked.directories);
    }
    // A folder nested in another is listed once.
    const unique = [...new Map(found.map((f) => [f.path, f])).values()];

    const files: ModelFile[] = [];
    for (const [i, file] of unique.entries()) {
      signal?.throwIfAborted();
      yield { type: 'progress', done: i, total: unique.length, current: file.displayName ?? file.relativePath };
      let result = this.deps.cache.get(file.path, file.sizeBytes, file.modifiedAt);
      if (!result) {
        result = await this.deps.reader.read(file.path);
        this.deps.cache.put(file.path, file.sizeBytes, file.modifiedAt, result);
      }
      files.push({
        id: createHash('sha256').update(file.path).digest('hex').slice(0, 16),
        path: file.path,
        folder: file.folder,
        relativePath: file.relativePath,
        sizeBytes: file.sizeBytes,
        modifiedAt: file.modifiedAt,
        facts: result.facts,
        problem: result.problem,
        sha256: this.knownHash(file),
        displayName: file.displayName ?? null,
      });
    }
    const snapshot: LibrarySnapshot = { files: foldSplitParts(files), folders, scannedAt: Date.now() };
    this.scanned(snapshot, directories);
    yield { type: 'done', snapshot };
  }

  /** Stops watching and hashing; a background scan stops at its next file. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopping.abort();
    this.watcher?.dispose();
    if (this.hashNotify) clearTimeout(this.hashNotify);
    await this.hasher.dispose();
  }

  private knownHash(file: FoundFile): string | null {
    const cached = this.deps.hashes.get(file.path, file.sizeBytes, file.modifiedAt);
    if (cached || !file.knownSha256) return cached;
    this.deps.hashes.put(file.path, file.sizeBytes, file.modifiedAt, file.knownSha256);
    return file.knownSha256;
  }

  /** Every finished scan: remember and announce it, watch what it read, hash what is new. */
  private scanned(snapshot: LibrarySnapshot, directories: string[]): void {
    if (this.disposed) return;
    this.last = snapshot;
    this.didChange.fire(snapshot);
    const first = !this.watcher;
    this.watcher ??= new LibraryWatcher(() => this.rescan(), this.deps.watch);
    const added = this.watcher.update(this.deps.folders(), directories);
    // A folder that appeared after the walk read its parent may already hold files: look again.
    if (!first && added > 0) this.rescan();
    this.hasher.enqueue(
      snapshot.files
        // A split model's size is all its parts': its first part is hashed on its own, never.
        .filter((f) => f.sha256 === null && f.problem === null && !f.splitParts)
        .map((f) => ({ path: f.path, size: f.sizeBytes, mtimeMs: f.modifiedAt })),
    );
  }

  /** A background scan; requests while one runs are folded into one more afterwards. */
  private rescan(): void {
    if (this.disposed) return;
    if (this.rescanning) {
      this.rescanAgain = true;
      return;
    }
    this.rescanning = this.list(this.stopping.signal)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.rescanning = null;
        if (this.rescanAgain) {
          this.rescanAgain = false;
          this.rescan();
        }
      });
  }

  private hashed(job: HashJob, sha256: string): void {
    const last = this.last;
    if (!last || this.disposed) return;
    let changed = false;
    const files = last.files.map((f) => {
      if (f.path !== job.path || f.sizeBytes !== job.size || f.modifiedAt !== job.mtimeMs) return f;
      changed = true;
      return { ...f, sha256 };
    });
    if (!changed) return;
    this.last = { ...last, files };
    this.hashNotify ??= setTimeout(() => {
      this.hashNotify = null;
      if (this.last && !this.disposed) this.didChange.fire(this.last);
    }, HASH_NOTIFY_MS);
  }
}
