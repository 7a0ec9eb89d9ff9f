import { describe, expect, it } from 'vitest';
import { parseIntList, parseLayers, parseTests } from './sweepInput';
import { benchTestName, parseBenchTest } from '../../../shared/bench/testName';

describe('bench inputs', () => {
  it('reads llama-bench test names and writes them back the same way', () => {
    const { tests, invalid } = parseTests('pp512, tg128,pp64+tg16 , tg32 @ d1024; pg 8,4');
    expect(invalid).toBeNull();
    expect(tests).toEqual([
      { nPrompt: 512, nGen: 0, depth: 0 },
      { nPrompt: 0, nGen: 128, depth: 0 },
      { nPrompt: 64, nGen: 16, depth: 0 },
      { nPrompt: 0, nGen: 32, depth: 1024 },
      { nPrompt: 8, nGen: 4, depth: 0 },
    ]);
    expect(tests.map(benchTestName)).toEqual(['pp512', 'tg128', 'pp64+tg16', 'tg32 @ d1024', 'pp8+tg4']);
  });

  it('names the first part that is not a test', () => {
    expect(parseTests('pp512, tg, tg128').invalid).toBe('tg');
    expect(parseBenchTest('pp0')).toBeNull();
    expect(parseBenchTest('tg16 @ d')).toBeNull();
  });

  it('reads lists of whole numbers and GPU layers', () => {
    expect(parseIntList('1, 2,4 2')).toEqual([1, 2, 4]);
    expect(parseIntList('')).toEqual([]);
    expect(parseIntList('1, x')).toBeNull();
    expect(parseIntList('0')).toBeNull();
    expect(parseLayers('0, max, 12')).toEqual([0, 'max', 12]);
    expect(parseLayers('all')).toBeNull();
  });
});
