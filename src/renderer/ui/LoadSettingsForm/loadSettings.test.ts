import { describe, expect, it } from 'vitest';
import { defaultContextFor, toLoadSettings } from './loadSettings';

describe('load settings', () => {
  it('never offers more context than the model was trained on', () => {
    expect(defaultContextFor(4096, 2304)).toBe(2304);
    expect(defaultContextFor(4096, 32_768)).toBe(4096);
    expect(defaultContextFor(4096, null)).toBe(4096);
    expect(defaultContextFor(null, 2304)).toBe(2304);
    expect(toLoadSettings({}, 4096, 2304).contextSize).toBe(2304);
  });

  it('keeps a context the user chose, and every other field as chosen', () => {
    expect(toLoadSettings({ contextSize: 1024, threads: 3, kvCacheType: 'Q8_0' }, 4096, 2304)).toEqual({
      contextSize: 1024,
      threads: 3,
      kvCacheType: 'Q8_0',
    });
  });
});
