import {
  variantLicense,
  type CatalogFamily,
  type CatalogTask,
  type CommercialUse,
} from '../../../shared/contract';
import { languageName } from './catalogFormat';

/** Size classes by total parameters; a family is in every class one of its variants is in. */
export const sizeClasses = ['small', 'medium', 'large', 'xlarge'] as const;
export type SizeClass = (typeof sizeClasses)[number];

/**
 * Boundaries sit between the nominal sizes people use (3.8B is a "4B" small model, 9.4B a "9B"),
 * so a variant lands where its name suggests.
 */
export function sizeClass(parametersB: number): SizeClass {
  if (parametersB <= 4.5) return 'small';
  if (parametersB <= 9.5) return 'medium';
  if (parametersB <= 20.5) return 'large';
  return 'xlarge';
}

export const commercialUses: readonly CommercialUse[] = ['allowed', 'conditional', 'non_commercial'];

export interface CatalogFilter {
  /** Words typed in the search box: each must be in the name, publisher, variants or languages. */
  query: string;
  size: SizeClass | null;
  license: CommercialUse | null;
  /** A language subtag such as `zh`. */
  language: string | null;
  task: CatalogTask | null;
}

export const emptyFilter: CatalogFilter = { query: '', size: null, license: null, language: null, task: null };

/** The commercial-use classes of a family's variants, most permissive first. */
export function familyCommercialUses(family: CatalogFamily): CommercialUse[] {
  const uses = new Set(family.variants.map((v) => variantLicense(family, v).commercialUse));
  return commercialUses.filter((u) => uses.has(u));
}

export function familySizeClasses(family: CatalogFamily): SizeClass[] {
  const classes = new Set(family.variants.map((v) => sizeClass(v.parametersB)));
  return sizeClasses.filter((c) => classes.has(c));
}

/**
 * Size and license match per variant: "commercial use allowed" finds Qwen 2.5 through its
 * Apache-2.0 sizes even though its 3B is research-only.
 */
export function matchesFilter(family: CatalogFamily, filter: CatalogFilter): boolean {
  if (!matchesQuery(family, filter.query)) return false;
  if (filter.size && !familySizeClasses(family).includes(filter.size)) return false;
  if (filter.license && !familyCommercialUses(family).includes(filter.license)) return false;
  if (filter.language && !family.languages.includes(filter.language)) return false;
  if (filter.task && !family.tasks.includes(filter.task)) return false;
  return true;
}

export function filterFamilies(families: readonly CatalogFamily[], filter: CatalogFilter): CatalogFamily[] {
  return families.filter((f) => matchesFilter(f, filter));
}

export function isFilterEmpty(filter: CatalogFilter): boolean {
  return filter.query.trim() === '' && [filter.size, filter.license, filter.language, filter.task].every((v) => v === null);
}

/**
 * What a family is found by: its name, id and publisher, its variants' names, and its languages
 * by code and by name in both UI languages (so "Chinese", "中文" and "zh" all find Qwen).
 */
export function searchText(family: CatalogFamily): string {
  return [
    family.name,
    family.id,
    family.publisher,
    ...family.variants.map((v) => v.name),
    ...family.languages.flatMap((code) => [code, languageName(code, 'en'), languageName(code, 'zh-CN')]),
  ]
    .join(' ')
    .toLowerCase();
}

const haystacks = new WeakMap<CatalogFamily, string>();

function matchesQuery(family: CatalogFamily, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  let text = haystacks.get(family);
  if (text === undefined) {
    text = searchText(family);
    haystacks.set(family, text);
  }
  return words.every((w) => text.includes(w));
}

/** The languages worth offering as a filter: those of any family, most common first. */
export function languageOptions(families: readonly CatalogFamily[]): string[] {
  const counts = new Map<string, number>();
  for (const family of families) for (const language of family.languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([language]) => language);
}

/** The tasks any family has, in the schema's order. */
export function taskOptions(families: readonly CatalogFamily[], allTasks: readonly CatalogTask[]): CatalogTask[] {
  const present = new Set(families.flatMap((f) => f.tasks));
  return allTasks.filter((t) => present.has(t));
}
