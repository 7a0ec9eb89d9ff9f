import { freemem } from 'node:os';
import { GgufInsights, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import type { LoadSettings, MemoryEstimate } from '../../../shared/contract';

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
    const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: layers });
    const ctx = await insights.estimateContextResourceRequirementsV2({
      contextSize: context,
      modelGpuLayers: layers,
      batchSize: settings.batchSize ?? undefined,
      flashAttention: settings.flashAttention,
      kvCacheKeyType: ggmlKvType[settings.kvCacheType],
      kvCacheValueType: ggmlKvType[settings.kvCacheType],
    });
    return { ram: model.cpuRam + ctx.cpuRam, vram: model.gpuVram + ctx.gpuVram };
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
