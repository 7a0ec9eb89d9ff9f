import type { TFunction } from 'i18next';
import type { CatalogFamily, CatalogVariant, LocalizedText } from '../../../shared/contract';

/** Descriptive catalog text in the UI language (the data carries both). */
export function localized(text: LocalizedText, language: string): string {
  return language === 'zh-CN' ? text['zh-CN'] : text.en;
}

/** 0.135 → "135M", 7.24 → "7.2B", 405 → "405B": the way model names write sizes. */
export function formatBillions(billions: number, locale: string): string {
  if (billions < 1) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(billions * 1000)}M`;
  const digits = billions < 10 ? 2 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(billions)}B`;
}

/** 131072 → "128K"; context lengths are powers of two (or near), so K means 1,024. */
export function formatContext(tokens: number, locale: string): string {
  if (tokens % 1024 === 0) return `${new Intl.NumberFormat(locale).format(tokens / 1024)}K`;
  return new Intl.NumberFormat(locale).format(tokens);
}

/** "1.2B · 3.2B · 8B": each distinct size once, smallest first. */
export function sizeSummary(family: CatalogFamily, locale: string): string {
  const sizes = [...new Set(family.variants.map((v) => v.parametersB))].sort((a, b) => a - b);
  return sizes.map((b) => formatBillions(b, locale)).join(' · ');
}

/** "8K–128K" across the variants (native lengths). */
export function contextSummary(family: CatalogFamily, locale: string): string {
  const lengths = family.variants.map((v) => v.contextLength);
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  return min === max ? formatContext(max, locale) : `${formatContext(min, locale)}–${formatContext(max, locale)}`;
}

/** The longest context any variant reaches with rope scaling, if the card documents one. */
export function extendedContext(family: CatalogFamily): number | null {
  const lengths = family.variants.flatMap((v) => (v.extendedContextLength ? [v.extendedContextLength] : []));
  return lengths.length ? Math.max(...lengths) : null;
}

/** "32K tokens (up to 128K with rope scaling)". */
export function contextText(t: TFunction, family: CatalogFamily, locale: string): string {
  const native = t('catalog.facts.tokens', { value: contextSummary(family, locale) });
  const extended = extendedContext(family);
  return extended ? `${native} (${t('catalog.facts.extended', { value: formatContext(extended, locale) })})` : native;
}

export type AttentionKind = 'mha' | 'gqa' | 'mqa';

/** Grouped-query when fewer KV heads than heads; one KV head is multi-query. */
export function attentionKind(variant: CatalogVariant): AttentionKind | null {
  if (variant.heads === undefined || variant.kvHeads === undefined) return null;
  if (variant.kvHeads === variant.heads) return 'mha';
  return variant.kvHeads === 1 ? 'mqa' : 'gqa';
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** `zh` → "Chinese" / "中文", from the browser's own tables. */
export function languageName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** `2024-04` → "Apr 2024" / "2024年4月". */
export function formatMonth(yearMonth: string, locale: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(year!, (month ?? 1) - 1, 1),
  );
}

/** `2026-11-28` → the locale's medium date. */
export function formatDay(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
