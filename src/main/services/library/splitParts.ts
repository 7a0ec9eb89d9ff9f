import { basename, dirname } from 'node:path';
import type { ModelFile } from '../../../shared/contract';

const SPLIT = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

/**
 * A split GGUF (`x-00001-of-00003.gguf` …) is one model: llama.cpp opens the first part and finds
 * the rest beside it. The later parts carry tensors but no model metadata, so alone they would
 * read as broken files. They are folded into the first part (sizes added up); a set with parts
 * missing says which. Parts whose first part is absent stay listed, with their own reason.
 */
export function foldSplitParts(files: ModelFile[]): ModelFile[] {
  const sets = new Map<string, { total: number; parts: Map<number, ModelFile> }>();
  for (const file of files) {
    const m = SPLIT.exec(basename(file.path));
    if (!m) continue;
    const key = `${dirname(file.path)}\u0000${m[1]}\u0000${m[3]}`;
    const set = sets.get(key) ?? { total: Number(m[3]), parts: new Map() };
    set.parts.set(Number(m[2]), file);
    sets.set(key, set);
  }
  const folded = new Set<ModelFile>();
  const replaced = new Map<ModelFile, ModelFile>();
  for (const { total, parts } of sets.values()) {
    const first = parts.get(1);
    if (!first || total < 2) continue;
    for (const [n, part] of parts) if (n !== 1) folded.add(part);
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !parts.has(n));
    const sizeBytes = [...parts.values()].reduce((sum, p) => sum + p.sizeBytes, 0);
    replaced.set(first, {
      ...first,
      sizeBytes,
      splitParts: total,
      problem: first.problem ?? (missing.length > 0 ? { code: 'SPLIT_PARTS_MISSING', detail: `missing part ${missing.join(', ')} of ${total}` } : null),
      facts: missing.length > 0 && !first.problem ? null : first.facts,
    });
  }
  return files.filter((f) => !folded.has(f)).map((f) => replaced.get(f) ?? f);
}
