import { freemem } from 'node:os';
import { GgufInsights, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import type { FlashAttention, LoadSettings, MemoryEstimate } from '../../../shared/contract';

export interface EstimateResult {
  estimate: MemoryEstimate;
  /** The memory that would overflow: system RAM or the GPU's. */
  pool: 'ram' | 'vram';
  insights: GgufInsights;
  suggestedContextSize: number | null;
  suggestedGpuLayers: number | null;
}

/** Tests set this to plan against a smaller machine ("will it fit?" without a small machine). */
function availableRam(): number {
  const override = Number(process.env.CALIPER_AVAILABLE_RAM_BYTES);
  return Number.isFinite(override) && override > 0 ? override : freemem();
}

/** The contract's KV-cache types as ggml type ids (F16 = 1, Q4_0 = 2, Q8_0 = 8). */
export const ggmlKvType = { F16: 1, Q8_0: 8, Q4_0: 2 } as const;

/**
 * The flash-attention setting handed to llama.cpp. A quantized KV cache brings it with it: llama.cpp
 * keeps a quantized V cache only with flash attention (without it the context is refused); it runs
 * on the CPU as well. 'auto' is llama.cpp's own 'auto' (on where every layer's backend supports
 * it) when layers are offloaded to a GPU, and off when every layer is on the CPU: there llama.cpp's
 * kernel made generation in a conversation slower, 0.60–1.04× (median 0.76) at 1,024 and 4,096
 * tokens of context, against 0.86–1.44× at an empty one and 0.87–1.39× for prompts
 * (docs/ARCHITECTURE.md, "Flash attention on the CPU").
 */
export function flashAttentionFor(
  s: { flashAttention: FlashAttention; kvCacheType: keyof typeof ggmlKvType },
  gpuLayers: number,
): FlashAttention {
  if (s.kvCacheType !== 'F16') return true;
  return s.flashAttention === 'auto' && gpuLayers === 0 ? false : s.flashAttention;
}

/**
 * What an engine process holds for a loaded model besides llama.cpp's buffers (weights, KV cache,
 * compute, output): the parsed GGUF header and llama.cpp's model and vocabulary structures, the chat
 * wrapper, allocator arenas. `npm run bench:fit` measured 28–36 MB of resident memory beyond weights
 * and KV cache right after loading, before any generation (four ~250 MB models with an 8k vocabulary,
 * each in a fresh process; the process's own baseline is not counted). A large vocabulary adds more.
 */
export const ENGINE_RUNTIME_OVERHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The CPU backend's scratch buffer for attention without flash attention, which llama.cpp's own
 * accounting (and so GgufInsights) leaves out. To multiply the softmaxed KQ (F32, n_kv × n_ubatch ×
 * n_head) by the F16 V cache, ggml-cpu first converts KQ to V's dot type in its work buffer, which
 * grows to the largest conversion seen and is kept for the context's life: n_kv × n_ubatch × n_head
 * × 2 bytes once a full batch is evaluated at a full context (a long prompt). `npm run bench:fit`
 * measured it: 24.0 MiB beyond llama.cpp's buffers after a last batch of 403 tokens at a 2048-cell
 * span with n_head 16 (2048 × 403 × 16 × 2 bytes exactly), nothing with flash attention. The full
 * context is the upper bound: a model whose every layer uses a sliding window needs less. Layers
 * on a GPU convert on the GPU.
 */
export function cpuAttentionWorkBytes(
  insights: GgufInsights,
  o: {
    contextSize: number;
    batchSize: number | null;
    flashAttention: boolean;
    kvCacheType: keyof typeof ggmlKvType;
    /** transformer blocks computed on the CPU */
    cpuLayers: number;
  },
): number {
  if (o.flashAttention || o.cpuLayers <= 0) return 0;
  const heads = insights.ggufFileInfo.architectureMetadata.attention?.head_count;
  const nHead = Array.isArray(heads) ? Math.max(0, ...heads.map(Number)) : Number(heads ?? 0);
  if (!(nHead > 0)) return 0;
  const nKv = Math.ceil(o.contextSize / 256) * 256;
  // node-llama-cpp evaluates at most its batch size of tokens at once (default min(context, 512)).
  const ubatch = o.batchSize ?? Math.min(o.contextSize, 512);
  // F16 V: F16 (2 bytes). A quantized V (only allowed with flash attention) would dot in Q8_0.
  const bytesPerValue = o.kvCacheType === 'F16' ? 2 : 34 / 32;
  return nKv * ubatch * nHead * bytesPerValue;
}

async function autoGpuLayers(llama: Llama, insights: GgufInsights): Promise<number> {
  if (llama.gpu === false) return 0;
  const resolved = await insights.configurationResolver.resolveModelGpuLayersV2('auto', {});
  return typeof resolved === 'number' ? resolved : resolved.gpuLayers;
}

/**
 * Memory for a file with these settings on this machine, from GgufInsights (header only), and
 * when it does not fit, the largest context (and fewest GPU layers) that would.
 */
export async function estimateMemory(llama: Llama, path: string, settings: LoadSettings): Promise<EstimateResult> {
  const insights = await GgufInsights.from(await readGgufFileInfo(path), llama);
  const vram = await llama.getVramState();
  const totalLayers = insights.totalLayers;
  // Without a GPU backend nothing can be offloaded, whatever was asked.
  const gpuLayers =
    llama.gpu === false
      ? 0
      : settings.gpuLayers === 'max'
      ? totalLayers
      : settings.gpuLayers === 'auto'
        ? await autoGpuLayers(llama, insights)
        : Math.min(settings.gpuLayers, totalLayers);
  const contextSize = Math.min(settings.contextSize, insights.trainContextSize ?? settings.contextSize);

  const measure = async (layers: number, context: number) => {
    const flashAttention = flashAttentionFor(settings, layers);
    const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: layers });
    const ctx = await insights.estimateContextResourceRequirementsV2({
      contextSize: context,
      modelGpuLayers: layers,
      batchSize: settings.batchSize ?? undefined,
      flashAttention,
      kvCacheKeyType: ggmlKvType[settings.kvCacheType],
      kvCacheValueType: ggmlKvType[settings.kvCacheType],
    });
    const work = cpuAttentionWorkBytes(insights, {
      contextSize: context,
      batchSize: settings.batchSize,
      // With layers on a GPU, 'auto' depends on the device: the plan assumes off, the larger.
      flashAttention: flashAttention === true,
      kvCacheType: settings.kvCacheType,
      // llama.cpp offloads the output layer first, then blocks from the last one down.
      cpuLayers: Math.min(totalLayers - 1, totalLayers - layers),
    });
    return { ram: model.cpuRam + ctx.cpuRam + work + ENGINE_RUNTIME_OVERHEAD_BYTES, vram: model.gpuVram + ctx.gpuVram };
  };

  const ramAvailable = availableRam();
  const fits = (m: { ram: number; vram: number }) => m.ram <= ramAvailable && m.vram <= vram.free;
  const needed = await measure(gpuLayers, contextSize);
  const estimate: MemoryEstimate = {
    gpuLayers,
    contextSize,
    ramBytes: needed.ram,
    vramBytes: needed.vram,
    availableRamBytes: ramAvailable,
    availableVramBytes: vram.free,
    fits: fits(needed),
  };
  const pool = needed.ram > ramAvailable ? 'ram' : 'vram';
  if (estimate.fits) return { estimate, pool, insights, suggestedContextSize: null, suggestedGpuLayers: null };

  let suggestedContextSize: number | null = null;
  for (let context = Math.floor(contextSize / 2); context >= 256; context = Math.floor(context / 2)) {
    if (fits(await measure(gpuLayers, context))) {
      suggestedContextSize = context;
      break;
    }
  }
  let suggestedGpuLayers: number | null = null;
  for (let layers = gpuLayers - 1; layers >= 0 && needed.vram > vram.free; layers--) {
    if (fits(await measure(layers, contextSize))) {
      suggestedGpuLayers = layers;
      break;
    }
  }
  return { estimate, pool, insights, suggestedContextSize, suggestedGpuLayers };
}
