import { GgufInsights, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import type { KvCacheChart } from '../../../shared/contract';

/**
 * KV-cache bytes per context size, as llama.cpp allocates them: every layer that owns a cache
 * stores K and V rows of head size × its KV heads (GQA), sliding-window layers only
 * min(context, window + ubatch) cells padded to 256, recurrent and shared layers none.
 *
 * The per-layer rules (SWA patterns per architecture, per-layer head counts, key/value lengths,
 * shared and recurrent layers) are node-llama-cpp's own model of its bundled llama.cpp, reached
 * through GgufInsights' internal `_estimateContextCacheMemorySplitInBytes`; the public estimates
 * add compute buffers and would hide the cache. That method sizes quantized caches as
 * elements × block bytes (32× too much for Q8_0), so it is asked for F32 element counts and the
 * bytes are computed here with ggml's row size (block bytes / block size).
 */

const GGML_F32 = 0;
/** ggml block geometry of the cache types Caliper offers (ggml-common.h). */
const cacheTypes = {
  F16: { blockBytes: 2, blockSize: 1 },
  Q8_0: { blockBytes: 34, blockSize: 32 },
  Q4_0: { blockBytes: 18, blockSize: 32 },
} as const;
const CONTEXT_PAD = 256;
const DEFAULT_BATCH = 512;

interface CacheSplit {
  cpuKVCacheSize: number;
}
type SplitFn = (args: {
  fullAttentionKvSize: number;
  swaKvSize: number;
  sequences: number;
  totalFileLayers: number;
  finalModelGpuLayers: number;
  usingGpu: boolean;
  flashAttention: boolean;
  kvCacheKeyType: number;
  kvCacheValueType: number;
}) => CacheSplit;

const pad = (n: number, to: number) => Math.ceil(n / to) * to;

export async function kvCacheChart(llama: Llama, path: string, contextSizes: number[]): Promise<KvCacheChart> {
  const info = await readGgufFileInfo(path);
  const insights = await GgufInsights.from(info, llama);
  const split = (insights as unknown as { _estimateContextCacheMemorySplitInBytes?: SplitFn })._estimateContextCacheMemorySplitInBytes;
  if (typeof split !== 'function') throw new Error('this node-llama-cpp has no KV-cache estimate');

  const arch = info.architectureMetadata as {
    block_count?: number;
    embedding_length?: number;
    attention?: { head_count?: number | number[]; key_length?: number; value_length?: number; key_length_swa?: number; value_length_swa?: number };
  };
  const layers = arch.block_count ?? 0;
  // K+V elements of the whole cache at these cell counts (F32: 4 bytes per element, block of 1).
  const elements = (fullCells: number, swaCells: number) =>
    split.call(insights, {
      fullAttentionKvSize: fullCells,
      swaKvSize: swaCells,
      sequences: 1,
      totalFileLayers: layers,
      finalModelGpuLayers: 0,
      usingGpu: false,
      flashAttention: true,
      kvCacheKeyType: GGML_F32,
      kvCacheValueType: GGML_F32,
    }).cpuKVCacheSize / 4;

  const window = insights.swaSize ?? null;
  const hasSwaLayers = window !== null && elements(0, 1) > 0;
  const cells = contextSizes.map((contextSize) => {
    const full = pad(contextSize, CONTEXT_PAD);
    // node-llama-cpp's default batch, one more for SWA models, is the ubatch (LlamaContext).
    const ubatch = Math.min(contextSize, DEFAULT_BATCH) + 1;
    return { full, swa: hasSwaLayers ? pad(Math.min(full, window + ubatch), CONTEXT_PAD) : full };
  });

  const headCount = typeof arch.attention?.head_count === 'number' ? arch.attention.head_count : 0;
  const defaultHead = headCount > 0 && arch.embedding_length ? arch.embedding_length / headCount : 0;
  const headSizes = [
    arch.attention?.key_length ?? defaultHead,
    arch.attention?.value_length ?? defaultHead,
    ...(hasSwaLayers ? [arch.attention?.key_length_swa, arch.attention?.value_length_swa] : []),
  ].filter((n): n is number => typeof n === 'number' && n > 0);

  const chart: KvCacheChart = { contextSizes, series: [], unsupported: [], slidingWindow: hasSwaLayers ? window : null };
  for (const [type, { blockBytes, blockSize }] of Object.entries(cacheTypes) as Array<[keyof typeof cacheTypes, (typeof cacheTypes)['F16']]>) {
    const misfit = headSizes.find((size) => size % blockSize !== 0);
    if (misfit !== undefined) {
      chart.unsupported.push({ type, headSize: misfit, blockSize });
      continue;
    }
    chart.series.push({ type, bytes: cells.map((c) => (elements(c.full, c.swa) / blockSize) * blockBytes) });
  }
  return chart;
}
