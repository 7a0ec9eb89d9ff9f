import { z } from 'zod';
import { AbsolutePathSchema } from './settings.contract';

/**
 * What answers: a GGUF file in the model folders (run by Caliper's own engine), or a model served
 * by a remote OpenAI-compatible engine the user connected (vLLM, llama-server, Ollama…).
 */
export const ModelRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: AbsolutePathSchema }),
  z.object({ kind: z.literal('remote'), connectionId: z.string().min(1).max(64), model: z.string().min(1).max(500) }),
]);
export type ModelRef = z.infer<typeof ModelRefSchema>;
export type RemoteModelRef = Extract<ModelRef, { kind: 'remote' }>;

export const localRef = (path: string): ModelRef => ({ kind: 'local', path });

/**
 * One string per model, stable across runs: a local file's path, or `remote:<connection>/<model>`.
 * Arena votes and leaderboards group by it.
 */
export function modelKey(ref: ModelRef): string {
  return ref.kind === 'local' ? ref.path : `remote:${ref.connectionId}/${ref.model}`;
}

export function refOfKey(key: string): ModelRef {
  const remote = /^remote:([^/]+)\/(.+)$/.exec(key);
  return remote ? { kind: 'remote', connectionId: remote[1]!, model: remote[2]! } : { kind: 'local', path: key };
}

export function sameModel(a: ModelRef | null, b: ModelRef | null): boolean {
  return a === b || (a !== null && b !== null && modelKey(a) === modelKey(b));
}

/**
 * Rows written before models could be remote carry `modelPath`: read them as a local reference, so
 * old conversations, comparisons, suites and answers keep their model.
 */
export function withModelRef(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'model' in value || !('modelPath' in value)) return value;
  const { modelPath, ...rest } = value as { modelPath: unknown };
  return { ...rest, model: typeof modelPath === 'string' && modelPath ? { kind: 'local', path: modelPath } : null };
}

/**
 * A model as people name it: a file by its name (`qwen2.5-7b-q4_k_m.gguf`), a remote model by its
 * id and, where known, the connection's name (`llama-3.1-8b · gpu-box`).
 */
export function modelName(ref: ModelRef, connections: ReadonlyArray<{ id: string; name: string }> = []): string {
  if (ref.kind === 'local') return ref.path.split(/[\\/]/).pop() || ref.path;
  const connection = connections.find((c) => c.id === ref.connectionId);
  return connection ? `${ref.model} · ${connection.name}` : ref.model;
}

/** The file of a local reference; null for a remote model or none. */
export function localPath(ref: ModelRef | null | undefined): string | null {
  return ref?.kind === 'local' ? ref.path : null;
}
