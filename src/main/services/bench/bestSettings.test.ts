import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../../shared/contract';
import { bestSettings } from './bestSettings';
import { compareRuns } from '../../../shared/bench/compareRuns';

function result(over: { nPrompt?: number; nGen?: number; depth?: number; threads?: number; fa?: boolean; batch?: number; ubatch?: number; ts: number; disturbed?: boolean }): BenchResult {
  return {
    id: Math.random().toString(36),
    test: { nPrompt: over.nPrompt ?? 0, nGen: over.nGen ?? 0, depth: over.depth ?? 0 },
    name: '',
    settings: { threads: over.threads ?? 1, batchSize: over.batch ?? 2048, ubatchSize: over.ubatch ?? 512, flashAttention: over.fa ?? false, kvCacheType: 'F16', gpuLayers: 0 },
    samplesNs: [1],
    avgTs: over.ts,
    stddevTs: 0,
    avgNs: 1,
    stddevNs: 0,
    bytesPerToken: null,
    bandwidthShare: null,
    disturbed: over.disturbed ?? false,
    testTime: 0,
  };
}

describe('best measured settings', () => {
  it('takes threads and flash attention from the fastest generation, the batch from prompt speed at those threads', () => {
    const best = bestSettings([
      { runId: 'a', result: result({ nGen: 128, threads: 1, ts: 100 }) },
      { runId: 'a', result: result({ nGen: 128, threads: 2, fa: true, ts: 140 }) },
      // Faster, but at a depth: not compared with depth 0.
      { runId: 'b', result: result({ nGen: 128, depth: 4096, threads: 1, ts: 500 }) },
      { runId: 'b', result: result({ nPrompt: 512, threads: 2, ubatch: 256, ts: 900 }) },
      { runId: 'c', result: result({ nPrompt: 512, threads: 2, batch: 128, ubatch: 512, ts: 1000 }) },
      // The fastest prompt overall, but at other threads.
      { runId: 'c', result: result({ nPrompt: 512, threads: 1, ts: 2000 }) },
    ]);
    expect(best).toEqual({
      threads: 2,
      flashAttention: true,
      batchSize: 128,
      generationTokensPerSecond: 140,
      promptTokensPerSecond: 1000,
      runIds: ['a', 'c'],
    });
  });

  it('names flash attention only when the results it is chosen from measured both settings', () => {
    const oneSetting = bestSettings([
      { runId: 'a', result: result({ nGen: 128, threads: 1, fa: false, ts: 100 }) },
      { runId: 'a', result: result({ nGen: 128, threads: 2, fa: false, ts: 140 }) },
      // On, but at a depth: not among the results the choice is made from.
      { runId: 'a', result: result({ nGen: 128, depth: 1024, threads: 2, fa: true, ts: 90 }) },
    ]);
    expect(oneSetting).toMatchObject({ threads: 2 });
    expect(oneSetting).not.toHaveProperty('flashAttention');
    const both = bestSettings([
      { runId: 'a', result: result({ nGen: 128, threads: 2, fa: false, ts: 140 }) },
      { runId: 'a', result: result({ nGen: 128, threads: 2, fa: true, ts: 120 }) },
    ]);
    expect(both).toMatchObject({ threads: 2, flashAttention: false });
  });

  it('ignores disturbed results while clean ones exist, and is null without results', () => {
    expect(bestSettings([])).toBeNull();
    const best = bestSettings([
      { runId: 'a', result: result({ nGen: 16, threads: 4, ts: 900, disturbed: true }) },
      { runId: 'a', result: result({ nGen: 16, threads: 2, ts: 100 }) },
    ]);
    expect(best).toMatchObject({ threads: 2, batchSize: 512, promptTokensPerSecond: null });
  });
});

describe('two runs side by side', () => {
  it('pairs results by test and settings and gives the change from A to B', () => {
    const rows = compareRuns(
      [result({ nGen: 128, ts: 100 }), result({ nPrompt: 512, ts: 1000 })],
      [result({ nGen: 128, ts: 125 }), result({ nGen: 128, threads: 2, ts: 150 })],
    );
    expect(rows.map((r) => [r.name, r.a?.avgTs ?? null, r.b?.avgTs ?? null, r.change])).toEqual([
      ['tg128', 100, 125, 0.25],
      ['pp512', 1000, null, null],
      ['tg128', null, 150, null],
    ]);
  });
});
