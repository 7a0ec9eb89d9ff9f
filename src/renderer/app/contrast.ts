/**
 * WCAG 2 contrast, used to pick the theme's shades: Mantine's defaults put white text on shade 6
 * (4.3:1 for indigo, 3.3:1 for red) and grey 6 for secondary text (3.3:1), below the 4.5:1 that
 * small text needs.
 */

/** Relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What small text needs (WCAG AA). */
export const MIN_CONTRAST = 4.5;

export interface FilledShade {
  shade: number;
  text: 'white' | 'black';
}

/**
 * The background shade for a filled control and its text colour: the lightest shade from
 * `from` up that white text can be read on; where no shade is dark enough (yellow, lime, green,
 * orange), the default shade with black text.
 */
export function readableFilledShade(palette: readonly string[], from = 6): FilledShade {
  for (let shade = from; shade < palette.length; shade++) {
    if (contrastRatio(palette[shade]!, '#ffffff') >= MIN_CONTRAST) return { shade, text: 'white' };
  }
  return { shade: from, text: 'black' };
}

/** `#rrggbb` mixed with black: `amount` 0 keeps it, 1 is black. */
export function darken(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (v: number) => Math.round(v * (1 - amount));
  return `#${[n >> 16, (n >> 8) & 255, n & 255].map((v) => mix(v).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A colour from `palette` for text on `background`: the lightest shade from `from` up that reads,
 * else the darkest shade darkened until it does (green and orange have no such shade).
 */
export function readableText(palette: readonly string[], background: string, from = 6): string {
  for (let shade = from; shade < palette.length; shade++) {
    if (contrastRatio(palette[shade]!, background) >= MIN_CONTRAST) return palette[shade]!;
  }
  let amount = 0;
  let color = palette[palette.length - 1]!;
  while (contrastRatio(color, background) < MIN_CONTRAST && amount < 1) {
    amount += 0.05;
    color = darken(palette[palette.length - 1]!, amount);
  }
  return color;
}
