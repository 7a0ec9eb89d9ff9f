import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, MIN_CONTRAST, readableFilledShade, readableText } from './contrast';

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's default secondary text on white: the failure axe reported.
    expect(contrastRatio('#868e96', '#ffffff')).toBeLessThan(MIN_CONTRAST);
  });

  it('darkens filled indigo until white text passes, and keeps black text where no shade would', () => {
    const indigo = readableFilledShade(DEFAULT_THEME.colors.indigo);
    expect(indigo).toEqual({ shade: 7, text: 'white' });
    expect(contrastRatio(DEFAULT_THEME.colors.indigo[indigo.shade]!, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    const yellow = readableFilledShade(DEFAULT_THEME.colors.yellow);
    expect(yellow.text).toBe('black');
    expect(contrastRatio(DEFAULT_THEME.colors.yellow[yellow.shade]!, '#000000')).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('every theme colour gets a filled shade and a text shade that read', () => {
    for (const [name, palette] of Object.entries(DEFAULT_THEME.colors)) {
      const filled = readableFilledShade(palette);
      const text = filled.text === 'white' ? '#ffffff' : '#000000';
      expect(contrastRatio(palette[filled.shade]!, text), name).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(readableText(palette, '#ffffff'), '#ffffff'), name).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});
