import type { ModelFile } from '../../../shared/contract';

/**
 * Files with the same content in different places, by SHA-256: for each file that has copies,
 * the other copies. Only listed, never deleted: which copy to keep is the user's choice.
 */
export function findDuplicates(files: readonly ModelFile[]): Map<string, ModelFile[]> {
  const bySha = new Map<string, ModelFile[]>();
  for (const file of files) {
    if (!file.sha256) continue;
    bySha.set(file.sha256, [...(bySha.get(file.sha256) ?? []), file]);
  }
  const duplicates = new Map<string, ModelFile[]>();
  for (const group of bySha.values()) {
    if (group.length < 2) continue;
    for (const file of group) duplicates.set(file.id, group.filter((other) => other.id !== file.id));
  }
  return duplicates;
}

/** What a file is called in the UI: its model name (Ollama) or its path inside its folder. */
export function fileLabel(file: ModelFile): string {
  return file.displayName ?? file.relativePath;
}
