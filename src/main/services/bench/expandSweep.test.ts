import { describe, expect, it } from 'vitest';
import { BenchStartSchema } from '../../../shared/contract';
import { expandSweep } from './benchService';

describe('bench sweep', () => {
  it('runs a quantized KV cache with flash attention only (llama.cpp refuses it without), measuring each combination once', () => {
    const request = BenchStartSchema.parse({
      path: '/m/a.gguf',
      tests: [{ nPrompt: 0, nGen: 8 }],
      sweep: {
        threads: [1],
        batchSize: [2048],
        ubatchSize: [512],
        flashAttention: [false, true],
        kvCacheType: ['F16', 'Q8_0'],
        gpuLayers: [0],
      },
    });
    const units = expandSweep(request, 2);
    expect(units.map((u) => [u.settings.kvCacheType, u.settings.flashAttention])).toEqual([
      ['F16', false],
      ['Q8_0', true],
      ['F16', true],
    ]);
  });

  it('uses the machine default threads when the sweep names none', () => {
    const units = expandSweep(
      BenchStartSchema.parse({
        path: '/m/a.gguf',
        tests: [
          { nPrompt: 32, nGen: 0 },
          { nPrompt: 0, nGen: 8 },
        ],
      }),
      3,
    );
    expect(units).toHaveLength(2);
    expect(units.every((u) => u.settings.threads === 3)).toBe(true);
  });
});
