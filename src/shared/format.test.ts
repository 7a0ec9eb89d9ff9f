import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatInteger, formatMemory, formatParameters, formatTokenRate } from './format';

describe('formatBytes (decimal units, meaningful precision)', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [8000, '8.0 kB'],
    [58_300_000, '58.3 MB'],
    [461_792, '462 kB'],
    [1_234_567_890, '1.2 GB'],
    [999_960_000, '1.0 GB'], // would round to "1000.0 MB"
    [4_368_439_296, '4.4 GB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en')).toBe(text);
  });

  it('uses the locale for digits and separators', () => {
    expect(formatBytes(58_300_000, 'zh-CN')).toBe('58.3 MB');
    expect(formatBytes(58_300_000, 'de-DE')).toBe('58,3 MB');
  });
});

describe('formatMemory (binary units)', () => {
  it('reads 16 GiB of RAM as 16.0 GiB, not 17.2 GB', () => {
    expect(formatMemory(16 * 1024 ** 3, 'en')).toBe('16.0 GiB');
    expect(formatMemory(25_247_531_008, 'zh-CN')).toBe('23.5 GiB');
  });
});

describe('formatParameters', () => {
  it.each([
    [512, '512'],
    [93_696, '93.7 K'],
    [113_472, '113 K'],
    [1_300_000, '1.3 M'],
    [7_241_732_096, '7.2 B'],
    [70_553_706_496, '70.6 B'],
    [405_000_000_000, '405 B'],
  ])('%d → %s', (count, text) => {
    expect(formatParameters(count, 'en')).toBe(text);
    expect(formatParameters(count, 'zh-CN')).toBe(text);
  });
});

describe('formatInteger', () => {
  it('groups digits in the locale', () => {
    expect(formatInteger(131_072, 'en')).toBe('131,072');
    expect(formatInteger(131_072, 'zh-CN')).toBe('131,072');
  });
});

describe('formatDuration and formatTokenRate', () => {
  it.each([
    [0, '0 ms'],
    [312.4, '312 ms'],
    [999.4, '999 ms'],
    [1234, '1.23 s'],
    [12_345, '12.3 s'],
    [125_000, '2 min 5 s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('reads rates with one decimal, whole numbers from 1000 on', () => {
    expect(formatTokenRate(14.23, 'en')).toBe('14.2 tok/s');
    expect(formatTokenRate(0.5, 'zh-CN')).toBe('0.5 tok/s');
    expect(formatTokenRate(1204.4, 'en')).toBe('1,204 tok/s');
  });
});
