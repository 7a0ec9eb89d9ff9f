import type { ModelFile } from '../../../shared/contract';

export interface FileFilter {
  query: string;
  hideInvalid: boolean;
}

/** Files matching the filter, ordered by folder then path. The query matches name, path or architecture. */
export function filterFiles(files: readonly ModelFile[], { query, hideInvalid }: FileFilter): ModelFile[] {
  const needle = query.trim().toLocaleLowerCase();
  return files
    .filter((file) => !(hideInvalid && file.problem))
    .filter((file) => {
      if (!needle) return true;
      const haystack = [file.relativePath, file.facts?.name ?? '', file.facts?.architecture ?? '']
        .join('\n')
        .toLocaleLowerCase();
      return haystack.includes(needle);
    })
    .sort((a, b) => a.folder.localeCompare(b.folder) || a.relativePath.localeCompare(b.relativePath));
}
