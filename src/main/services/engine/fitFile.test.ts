import { describe, expect, it } from 'vitest';
import type { GpuInfo, LoadSettings, MemoryEstimate } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import { withModelBytes } from '../quantize/quantizeService';
import { EngineService } from './engineService';

/**
 * The one fit judgement, for a library file and for a quantizer's output alike. A GPU cannot be
 * had here, so the engine's estimates come from a table: 32 layers, 8 GiB of VRAM.
 */
const GiB = 1024 ** 3;
const cuda: GpuInfo = { state: 'ready', backend: 'cuda', deviceNames: ['Test GPU'], vramTotalBytes: 8 * GiB, vramFreeBytes: 8 * GiB, cpuMathCores: 8 };

function serviceWith(estimates: Record<string, Omit<MemoryEstimate, 'availableRamBytes' | 'availableVramBytes' | 'fits' | 'contextSize'>>) {
  const engine = {
    gpu: async () => cuda,
    estimate: async (_file: string, settings: LoadSettings): Promise<MemoryEstimate> => {
      const e = estimates[String(settings.gpuLayers)]!;
      const fits = e.ramBytes <= 16 * GiB && e.vramBytes <= 8 * GiB;
      return { ...e, contextSize: settings.contextSize, availableRamBytes: 16 * GiB, availableVramBytes: 8 * GiB, fits };
    },
  } as unknown as EngineSupervisor;
  return new EngineService({ engine, reader: null as never, cache: null as never, folders: () => [], loadSettings: null as never });
}

// A 9 GiB model: all of it does not fit the 8 GiB GPU; 24 of its 32 layers do.
const nineGiB = serviceWith({
  max: { gpuLayers: 32, ramBytes: 1 * GiB, vramBytes: 9.5 * GiB },
  auto: { gpuLayers: 24, ramBytes: 3.5 * GiB, vramBytes: 7 * GiB },
  '0': { gpuLayers: 0, ramBytes: 10 * GiB, vramBytes: 0 },
});

describe('will it fit', () => {
  it('says partial offload when only some layers fit on the GPU', async () => {
    expect((await nineGiB.fitFile('/m/model.gguf')).label).toBe('partial');
  });

  it("judges a quantizer's output the same way, with the output's bytes split as the layers are", async () => {
    // Q4 of the same model, 5 GiB smaller: now all of it fits on the GPU.
    const smaller = await nineGiB.fitFile('/m/model.gguf', undefined, withModelBytes(-5 * GiB));
    expect(smaller.label).toBe('gpu');
    expect(smaller.estimate.vramBytes).toBe(4.5 * GiB);
    // 1 GiB smaller: still too big for the GPU alone; three quarters of the saving is on the GPU.
    const slightly = await nineGiB.fitFile('/m/model.gguf', undefined, withModelBytes(-1 * GiB));
    expect(slightly.label).toBe('partial');
    expect(slightly.estimate.vramBytes).toBe(7 * GiB - 0.75 * GiB);
    expect(slightly.estimate.ramBytes).toBe(3.5 * GiB - 0.25 * GiB);
    // Bigger (F16 of an 8-bit source): CPU only, and then not even that.
    expect((await nineGiB.fitFile('/m/model.gguf', undefined, withModelBytes(4 * GiB))).label).toBe('cpu');
    expect((await nineGiB.fitFile('/m/model.gguf', undefined, withModelBytes(7 * GiB))).label).toBe('wont_fit');
  });
});
