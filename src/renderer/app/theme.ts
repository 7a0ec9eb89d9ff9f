import {
  Badge,
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  localStorageColorSchemeManager,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';
import { readableFilledShade, readableText } from './contrast';

const systemFonts =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, ' +
  // CJK last, so Latin keeps its system face and Chinese gets a real Chinese face, not a fallback.
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

const palettes = DEFAULT_THEME.colors;
const filled = Object.fromEntries(Object.entries(palettes).map(([name, palette]) => [name, readableFilledShade(palette)]));

/**
 * Filled controls use the first shade white text reads on (black text where none does), in both
 * schemes; coloured text and outlines in the light scheme use a shade that reads on the colour's
 * own light background. The dark scheme's defaults (shade 4 text) already read.
 */
const contrastVariables: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    // Secondary text: Mantine's grey 6 is 3.3:1 on white.
    '--mantine-color-dimmed': '#5f666d',
    // Links also sit on the tinted backgrounds of alerts (yellow's is the lightest that fails).
    '--mantine-color-anchor': readableText(palettes.indigo, palettes.yellow[1]!),
  };
  const dark: Record<string, string> = { '--mantine-color-dimmed': '#a8a8a8' };
  for (const [name, palette] of Object.entries(palettes)) {
    const { shade } = filled[name]!;
    const fill = `var(--mantine-color-${name}-${shade})`;
    const fillHover = `var(--mantine-color-${name}-${Math.min(shade + 1, 9)})`;
    const text = readableText(palette, palette[1]!);
    Object.assign(light, {
      [`--mantine-color-${name}-filled`]: fill,
      [`--mantine-color-${name}-filled-hover`]: fillHover,
      [`--mantine-color-${name}-text`]: text,
      [`--mantine-color-${name}-outline`]: text,
      // Light badges and alerts: Mantine's shade 9 is 2.7:1 on yellow's and 3.6:1 on orange's tint.
      [`--mantine-color-${name}-light-color`]: text,
    });
    Object.assign(dark, { [`--mantine-color-${name}-filled`]: fill, [`--mantine-color-${name}-filled-hover`]: fillHover });
  }
  return { variables: {}, light, dark };
};

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'filled') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const choice = parsed.isThemeColor && parsed.shade === undefined ? filled[parsed.color] : undefined;
  return choice ? { ...colors, color: `var(--mantine-color-${choice.text})` } : colors;
};

export const cssVariablesResolver = contrastVariables;

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts },
  variantColorResolver,
  components: {
    // Upper case would turn "MoE" into "MOE" and does nothing for Chinese.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
    // Mantine draws dialog headers as <header>: inside a role="dialog" section that is a second
    // page banner to assistive technology (axe: landmark-no-duplicate-banner).
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
  },
});

/**
 * The settings are the source of truth for the theme; local storage only remembers the last
 * value so the first paint (before the settings arrive) is already in the right scheme.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'caliper-color-scheme' });
