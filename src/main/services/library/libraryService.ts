import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { appError } from '../../base/appError';
import { confineToFolders } from './confine';
import type { FolderStatus, LibrarySnapshot, ModelFile, ScanEvent } from '../../../shared/contract';
import type { HeaderCache } from './headerCache';
import type { HeaderReaderPool } from './headerReaderPool';
import { walkGgufFiles, type FoundFile } from './walkGgufFiles';

export interface LibraryServiceDeps {
  folders: () => string[];
  reader: HeaderReaderPool;
  cache: HeaderCache;
  /** Whether the engine holds this file now (a loaded model is not deleted under it). */
  isLoaded: (path: string) => boolean;
}

/** The local model library: every `.gguf` under the model folders, with the facts of its header. */
export class LibraryService {
  constructor(private readonly deps: LibraryServiceDeps) {}

  async delete(path: string): Promise<void> {
    const real = await confineToFolders(path, this.deps.folders());
    if (!real.toLowerCase().endsWith('.gguf')) throw appError('PATH_NOT_IN_LIBRARY', { path });
    if (this.deps.isLoaded(real)) throw appError('MODEL_IN_USE', { path });
    await unlink(real);
    this.deps.cache.forget(real);
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
    for (const folder of this.deps.folders()) {
      const { files, status } = await walkGgufFiles(folder, signal);
      found.push(...files);
      folders.push(status);
    }
    // A folder nested in another is listed once.
    const unique = [...new Map(found.map((f) => [f.path, f])).values()];

    const files: ModelFile[] = [];
    for (const [i, file] of unique.entries()) {
      signal?.throwIfAborted();
      yield { type: 'progress', done: i, total: unique.length, current: file.relativePath };
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
      });
    }
    yield { type: 'done', snapshot: { files, folders, scannedAt: Date.now() } };
  }
}
