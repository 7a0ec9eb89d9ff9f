import { describe, expect, it } from 'vitest';
import type { BenchRun } from '../../../shared/contract';
import { historySeries } from './historySeries';

const run = (id: string, startedAt: number, machineId: string, results: Array<[name: string, threads: number, ts: number]>, status: BenchRun['status'] = 'complete') =>
  ({
    id,
    startedAt,
    status,
    machine: { id: machineId },
    results: results.map(([name, threads, avgTs]) => ({ name, avgTs, settings: { threads, batchSize: 2048, ubatchSize: 512, flashAttention: false, kvCacheType: 'F16', gpuLayers: 0 } })),
  }) as unknown as BenchRun;

describe('history per model and machine', () => {
  it('orders this machine’s finished runs by time, one series per test and settings', () => {
    const { runs, series } = historySeries(
      [
        run('r3', 300, 'm1', [['tg128', 1, 30], ['pp512', 1, 300]]),
        run('other', 250, 'm2', [['tg128', 1, 99]]),
        run('live', 400, 'm1', [['tg128', 1, 50]], 'running'),
        run('r1', 100, 'm1', [['tg128', 1, 10], ['tg128', 2, 12]]),
        run('empty', 200, 'm1', []),
      ],
      'm1',
    );
    expect(runs.map((r) => r.id)).toEqual(['r1', 'r3']);
    expect(series.map((s) => [s.name, s.settings.threads, s.values])).toEqual([
      ['tg128', 1, [10, 30]],
      ['tg128', 2, [12, null]],
      ['pp512', 1, [null, 300]],
    ]);
  });
});
