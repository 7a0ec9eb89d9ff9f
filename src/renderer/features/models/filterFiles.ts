import type { ModelFile } from '../../../shared/contract';

export interface FileFilter {
  query: string;
  hideInvalid: boolean;
  /** Only files that have a copy elsewhere (same SHA-256). */
  duplicatesOnly?: boolean;
}

/**
 * Files matching the filter, ordered by folder then path. The query matches name, path, model
 * name or architecture. `duplicates` is what findDuplicates returns.
 */
export function filterFiles(
  files: readonly ModelFile[],
  { query, hideInvalid, duplicatesOnly = false }: FileFilter,
  duplicates?: ReadonlyMap<string, readonly ModelFile[]>,
): ModelFile[] {
  const needle = query.trim().toLocaleLowerCase();
  return files
    .filter((file) => !(hideInvalid && file.problem))
    .filter((file) => !duplicatesOnly || (duplicates?.has(file.id) ?? false))
    .filter((file) => {
      if (!needle) return true;
      const haystack = [file.relativePath, file.displayName ?? '', file.facts?.name ?? '', file.facts?.architecture ?? '']
        .join('\n')
        .toLocaleLowerCase();
      return haystack.includes(needle);
    })
    .sort((a, b) => a.folder.localeCompare(b.folder) || a.relativePath.localeCompare(b.relativePath));
}
