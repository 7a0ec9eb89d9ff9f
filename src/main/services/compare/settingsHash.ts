import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LoadedModel, RunMode, Sampling } from '../../../shared/contract';

export interface HashedSettings {
  modelPath: string;
  model: Pick<LoadedModel, 'settings' | 'gpuLayers' | 'contextSize' | 'threads'> | null;
  sampling: Sampling;
  systemPrompt: string;
  runMode: RunMode;
  warmUp: boolean;
}

/** JSON with sorted keys, so equal settings always hash equal whatever order they were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What makes two runs comparable: the same file (name and size, not its folder: a copied file is
 * the same model), the same load settings as the engine resolved them, sampling, system prompt
 * and run mode. 16 hex digits of SHA-256 are plenty to tell settings apart.
 */
export function settingsHash(s: HashedSettings): string {
  let size: number | null = null;
  try {
    size = statSync(s.modelPath).size;
  } catch {
    // The file went away; its name still identifies what ran.
  }
  const identity = {
    file: { name: basename(s.modelPath), size },
    load: s.model
      ? { requested: s.model.settings, gpuLayers: s.model.gpuLayers, contextSize: s.model.contextSize, threads: s.model.threads }
      : null,
    sampling: s.sampling,
    systemPrompt: s.systemPrompt,
    runMode: s.runMode,
    warmUp: s.warmUp,
  };
  return createHash('sha256').update(canonical(identity)).digest('hex').slice(0, 16);
}
