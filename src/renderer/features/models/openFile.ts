import type { ModelFile } from '../../../shared/contract';

/** The folder of a path as the host OS wrote it (`/` or `\`), without Node's path module. */
export function folderOf(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (at <= 0) return path.slice(0, at + 1) || path;
  // `C:\model.gguf` → `C:\`: a drive's root keeps its separator.
  return /^[A-Za-z]:$/.test(path.slice(0, at)) ? path.slice(0, at + 1) : path.slice(0, at);
}

/** The last path segment, for messages. */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The library's entry for a file the OS asked to open (its first part, for a split model). */
export function findOpenedFile(files: readonly ModelFile[], path: string): ModelFile | null {
  return files.find((f) => f.path === path) ?? null;
}
