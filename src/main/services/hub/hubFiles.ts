import type { HubFile, HubFileGroup } from '../../../shared/contract';

const QUANT = /(?:^|[-_.])(IQ[1-4]_(?:XXS|XS|S|M|NL)|Q[2-8]_K(?:_(?:XL|S|M|L))?|Q[4-8]_[01]|TQ[12]_0|BF16|F16|FP16|F32)(?=[-_.]|$)/i;
const SPLIT = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

/** `Llama-3-8B-Q4_K_M.gguf` → `Q4_K_M`; null when the name does not say. */
export function quantizationOf(path: string): string | null {
  const name = path.split('/').pop() ?? path;
  const label = QUANT.exec(name.replace(/\.gguf$/i, ''))?.[1]?.toUpperCase() ?? null;
  return label === 'FP16' ? 'F16' : label;
}

/** `x-00002-of-00003.gguf` → part 2 of 3. */
export function splitOf(path: string): { prefix: string; part: number; total: number } | null {
  const m = SPLIT.exec(path);
  if (!m) return null;
  const part = Number(m[2]);
  const total = Number(m[3]);
  return total >= 2 && part >= 1 && part <= total ? { prefix: m[1]!, part, total } : null;
}

/** All parts of a split file as their paths, in order (`x-00001-of-00003.gguf` → three paths). */
export function splitPartPaths(prefix: string, total: number): string[] {
  const pad = (n: number) => String(n).padStart(5, '0');
  return Array.from({ length: total }, (_, i) => `${prefix}-${pad(i + 1)}-of-${pad(total)}.gguf`);
}

/**
 * GGUF files as downloadable models: a single file is one group; the parts of a split file are one
 * group named by its first part, and only when every part is listed (a half-listed split is useless).
 */
export function groupFiles(files: HubFile[]): HubFileGroup[] {
  const groups: HubFileGroup[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const file of files) {
    if (!file.path.toLowerCase().endsWith('.gguf')) continue;
    const split = splitOf(file.path);
    if (!split) {
      groups.push({ primaryPath: file.path, quantization: file.quantization, totalBytes: file.sizeBytes, files: [file] });
      continue;
    }
    if (split.part !== 1) continue;
    const parts = splitPartPaths(split.prefix, split.total).map((p) => byPath.get(p));
    if (parts.some((p) => !p)) continue;
    const present = parts as HubFile[];
    groups.push({
      primaryPath: file.path,
      quantization: file.quantization,
      totalBytes: present.reduce((sum, p) => sum + p.sizeBytes, 0),
      files: present,
    });
  }
  return groups.sort((a, b) => a.totalBytes - b.totalBytes);
}
