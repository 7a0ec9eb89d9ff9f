import { Badge, createTheme, localStorageColorSchemeManager } from '@mantine/core';

const systemFonts =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, ' +
  // CJK last, so Latin keeps its system face and Chinese gets a real Chinese face, not a fallback.
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts },
  components: {
    // Upper case would turn "MoE" into "MOE" and does nothing for Chinese.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});

/**
 * The settings are the source of truth for the theme; local storage only remembers the last
 * value so the first paint (before the settings arrive) is already in the right scheme.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'caliper-color-scheme' });
