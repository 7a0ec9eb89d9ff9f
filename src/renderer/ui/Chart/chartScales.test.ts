import { describe, expect, it } from 'vitest';
import { byteTicks, extent, niceTicks, scale, visibleLabels } from './chartScales';

describe('chart scales', () => {
  it('maps a linear domain onto pixels, a y axis upside down', () => {
    const x = scale('linear', [0, 100], 50, 450);
    expect([x(0), x(25), x(100)]).toEqual([50, 150, 450]);
    const y = scale('linear', [0, 10], 200, 20);
    expect([y(0), y(5), y(10)]).toEqual([200, 110, 20]);
  });

  it('spaces doublings evenly on a log-2 axis', () => {
    const x = scale('log2', [512, 4096], 0, 300);
    expect([512, 1024, 2048, 4096].map(x)).toEqual([0, 100, 200, 300]);
  });

  it('puts everything in the middle when the domain is a single value', () => {
    expect(scale('linear', [3, 3], 100, 300)(3)).toBe(200);
    expect(scale('log2', [2048, 2048], 0, 100)(2048)).toBe(50);
  });

  it('finds the extent of the known values', () => {
    expect(extent([3, null, -1, 7, Number.NaN])).toEqual([-1, 7]);
    expect(extent([null])).toEqual([0, 0]);
  });

  it('ticks in round decimal steps from 0 to at least the largest value', () => {
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(93)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(4096)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.0004)).toEqual([0, 0.0001, 0.0002, 0.0003, 0.0004]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0]);
    for (const max of [1, 13, 999, 1234.5, 0.07]) {
      const ticks = niceTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it('rounds the byte axis up to a binary-friendly step', () => {
    expect(byteTicks(1024 * 1024)).toEqual([0, 256, 512, 768, 1024].map((k) => k * 1024));
    expect(byteTicks(0)).toEqual([0]);
    expect(byteTicks(360_448).at(-1)).toBeGreaterThanOrEqual(360_448);
  });

  it('drops labels that would overlap, keeping the last', () => {
    expect(visibleLabels([0, 50, 100, 110], 34)).toEqual([0, 1, 3]);
    expect(visibleLabels([0, 10, 20], 34)).toEqual([0, 2]);
  });
});
