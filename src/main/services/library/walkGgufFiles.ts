import { opendir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderStatus } from '../../../shared/contract';
import { isOllamaRoot, listOllamaModels } from './ollama';
import { isPartialDownloadName } from './partialDownloads';

export interface FoundFile {
  path: string;
  folder: string;
  relativePath: string;
  sizeBytes: number;
  modifiedAt: number;
  /** Shown instead of the path (an Ollama blob's model names). */
  displayName?: string;
  /** A hash the store already vouches for (Ollama names blobs by their SHA-256). */
  knownSha256?: string;
}

export interface WalkResult {
  files: FoundFile[];
  status: FolderStatus;
  /** Every folder the walk read, for watching. */
  directories: string[];
}

const MAX_DEPTH = 16;

/**
 * Finds `.gguf` files under a model folder. Symlinked folders are followed once (LM Studio and
 * Ollama layouts use them), loops are cut by real path, and an unreadable sub-folder is reported
 * without stopping the walk. A folder holding `manifests/` and `blobs/` is an Ollama store and
 * lists its model blobs; partial downloads are skipped.
 */
export async function walkGgufFiles(folder: string, signal?: AbortSignal): Promise<WalkResult> {
  const status: FolderStatus = { path: folder, status: 'ok', fileCount: 0, unreadableSubfolders: [] };
  try {
    const s = await stat(folder);
    if (!s.isDirectory()) return { files: [], status: { ...status, status: 'not_a_folder' }, directories: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return { files: [], status: { ...status, status: missing ? 'missing' : 'unreadable' }, directories: [] };
  }

  const files: FoundFile[] = [];
  const directories: string[] = [];
  const seen = new Set<string>();

  async function walk(dir: string, rel: string, depth: number): Promise<boolean> {
    signal?.throwIfAborted();
    const real = await realpath(dir).catch(() => dir);
    if (seen.has(real) || depth > MAX_DEPTH) return true;
    seen.add(real);
    if (await isOllamaRoot(dir)) {
      const ollama = await listOllamaModels(dir, folder, signal);
      files.push(...ollama.files);
      directories.push(...ollama.directories);
      return true;
    }
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      return false;
    }
    directories.push(dir);
    try {
      for await (const entry of handle) {
        if (isPartialDownloadName(entry.name)) continue;
        const full = join(dir, entry.name);
        const relPath = rel ? `${rel}/${entry.name}` : entry.name;
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          const target = await stat(full).catch(() => null);
          isDir = target?.isDirectory() ?? false;
          isFile = target?.isFile() ?? false;
        }
        if (isDir) {
          if (!(await walk(full, relPath, depth + 1))) status.unreadableSubfolders.push(relPath);
        } else if (isFile && entry.name.toLowerCase().endsWith('.gguf')) {
          const s = await stat(full).catch(() => null);
          if (s) files.push({ path: full, folder, relativePath: relPath, sizeBytes: s.size, modifiedAt: s.mtimeMs });
        }
      }
    } catch {
      // The directory vanished or became unreadable while iterating: keep what was found.
      return false;
    }
    return true;
  }

  if (!(await walk(folder, '', 0))) return { files, status: { ...status, status: 'unreadable' }, directories };
  files.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  return { files, status: { ...status, fileCount: files.length }, directories };
}
