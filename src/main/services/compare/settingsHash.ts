import { createHash } from 'node:crypto';
import type { RunMode, Sampling } from '../../../shared/contract';

export interface HashedSettings {
  /** Where it ran (`AnswerTarget.identity()`): the file and resolved load settings, or the server and model. */
  engine: Record<string, unknown>;
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
 * What makes two runs comparable: the same engine identity (for a file its name and size — a
 * copied file is the same model — and the load settings as the engine resolved them; for a remote
 * model its server, name and version), sampling, system prompt and run mode. 16 hex digits of
 * SHA-256 are plenty to tell settings apart.
 */
export function settingsHash(s: HashedSettings): string {
  const identity = {
    ...s.engine,
    sampling: s.sampling,
    systemPrompt: s.systemPrompt,
    runMode: s.runMode,
    warmUp: s.warmUp,
  };
  return createHash('sha256').update(canonical(identity)).digest('hex').slice(0, 16);
}
