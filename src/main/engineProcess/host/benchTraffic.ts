import type { GgufHeader, GgufValue } from '../../gguf/readGgufHeader';
import { ggmlTypes } from '../../gguf/ggmlTypes';

/**
 * How many bytes one generated token reads from memory: the bound that makes generation
 * memory-bound. Per token llama.cpp multiplies the hidden state by every weight matrix once
 * (weights actually touched: one row of the token embedding; of a Mixture-of-Experts layer's
 * expert tensors only the experts the router picks), and attention reads the K and V rows of
 * every position the token attends to (all of them, or the last `window` ones in a sliding-window
 * layer). bytes per token × tokens per second over the machine's read bandwidth says how close a
 * run is to the machine's limit.
 *
 * A lower bound on traffic: it leaves out activations and the logits (small next to the weights)
 * and the padding llama.cpp's attention reads past the last position.
 */
export interface TrafficModel {
  /** Weight bytes read for one token, experts counted as used / total. */
  weightBytes: number;
  /** Per layer: K + V bytes per attended position, and its sliding window (null: full attention). */
  layers: Array<{ kvBytesPerPosition: number; window: number | null }>;
}

export type KvType = 'F16' | 'Q8_0' | 'Q4_0' | 'F32';

/** Bytes per element of a cache type (ggml row size over row length). */
const kvElementBytes: Record<KvType, number> = { F32: 4, F16: 2, Q8_0: 34 / 32, Q4_0: 18 / 32 };

/**
 * Architectures whose layers llama.cpp lets slide, with the period it applies when the file gives
 * none (its per-architecture `set_swa_pattern` calls): layer `il` slides when il % n < n − 1, so
 * every n-th layer is global. Other architectures ignore a `sliding_window` key.
 */
const swaPeriods: Record<string, number> = { gemma2: 2, gemma3: 6, 'gemma-embedding': 6, gemma3n: 5, cohere2: 4, exaone4: 4, 'gpt-oss': 2 };
/** Windows llama.cpp assumes when the file has no `sliding_window` key. */
const defaultWindows: Record<string, number> = { gemma2: 4096 };

export function tensorBytes(type: number, dims: readonly number[]): number {
  const t = ggmlTypes[type];
  if (!t) throw new Error(`unknown ggml type ${type}`);
  const elements = dims.reduce((a, b) => a * b, 1);
  return (elements / t.blockSize) * t.blockBytes;
}

export function trafficModel(header: GgufHeader, kvType: KvType): TrafficModel {
  const md = header.metadata;
  const arch = typeof md.get('general.architecture') === 'string' ? (md.get('general.architecture') as string) : '';
  const key = (k: string) => md.get(`${arch}.${k}`);
  const nLayer = scalar(key('block_count')) ?? 0;
  const nEmbd = scalar(key('embedding_length')) ?? 0;
  const nExpert = scalar(key('expert_count')) ?? 0;
  const nExpertUsed = scalar(key('expert_used_count')) ?? 0;

  const hasOutput = header.tensors.some((t) => t.name === 'output.weight');
  let weightBytes = 0;
  for (const t of header.tensors) {
    const bytes = tensorBytes(t.type, t.dims);
    if (t.name === 'token_embd.weight') {
      // A lookup reads one row; tied to the output, the whole matrix is read for the logits too.
      weightBytes += hasOutput ? bytes / (t.dims[1] ?? 1) : bytes;
    } else if (/_exps\b/.test(t.name) && nExpert > 0) {
      weightBytes += (bytes * nExpertUsed) / nExpert;
    } else {
      weightBytes += bytes;
    }
  }

  const headCount = perLayer(key('attention.head_count'), nLayer);
  const headCountKv = perLayer(key('attention.head_count_kv'), nLayer);
  const keyLength = scalar(key('attention.key_length'));
  const valueLength = scalar(key('attention.value_length'));
  const window = scalar(key('attention.sliding_window')) ?? defaultWindows[arch] ?? null;
  const swa = slidingLayers(arch, key('attention.sliding_window_pattern'), window, nLayer);
  const elementBytes = kvElementBytes[kvType];

  const layers: TrafficModel['layers'] = [];
  for (let il = 0; il < nLayer; il++) {
    const heads = headCount[il] ?? 0;
    const kvHeads = headCountKv[il] ?? heads;
    const headSize = heads > 0 ? nEmbd / heads : 0;
    const perPosition = kvHeads * ((keyLength ?? headSize) + (valueLength ?? headSize)) * elementBytes;
    layers.push({ kvBytesPerPosition: perPosition, window: swa[il] && window ? window : null });
  }
  return { weightBytes, layers };
}

/** Bytes read to generate the token at `position` (it attends to positions 0…position). */
export function bytesForToken(model: TrafficModel, position: number): number {
  let kv = 0;
  const attended = position + 1;
  for (const layer of model.layers) kv += layer.kvBytesPerPosition * (layer.window === null ? attended : Math.min(attended, layer.window));
  return model.weightBytes + kv;
}

/**
 * Mean bytes per generated token of a test: `nGen` tokens generated after `depth` + `nPrompt`
 * tokens already in the context (the first one at that position).
 */
export function bytesPerGeneratedToken(model: TrafficModel, test: { nPrompt: number; nGen: number; depth: number }): number | null {
  if (test.nGen <= 0) return null;
  const start = test.depth + test.nPrompt;
  let total = 0;
  for (let i = 0; i < test.nGen; i++) total += bytesForToken(model, start + i);
  return total / test.nGen;
}

function slidingLayers(arch: string, pattern: GgufValue | undefined, window: number | null, nLayer: number): boolean[] {
  if (!window || swaPeriods[arch] === undefined) return Array<boolean>(nLayer).fill(false);
  // A per-layer array of booleans names each layer (newer converters).
  if (pattern && typeof pattern === 'object' && pattern.items && typeof pattern.items[0] === 'boolean') {
    return Array.from({ length: nLayer }, (_, il) => pattern.items![il] === true);
  }
  const period = scalar(pattern) ?? swaPeriods[arch]!;
  return Array.from({ length: nLayer }, (_, il) => period === 0 || il % period < period - 1);
}

function scalar(v: GgufValue | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && v.items && typeof v.items[0] === 'number') return v.items[0];
  return null;
}

/** A key that is either one number or one per layer. */
function perLayer(v: GgufValue | undefined, nLayer: number): number[] {
  if (v && typeof v === 'object' && v.items) return v.items.map((x) => Number(x));
  const n = scalar(v);
  return n === null ? [] : Array<number>(nLayer).fill(n);
}
