import { describe, expect, it } from 'vitest';
import { CatalogFamilySchema, CatalogTaskSchema, type CatalogFamily } from '../../../shared/contract';
import { attentionKind, contextSummary, formatBillions, formatContext, sizeSummary } from './catalogFormat';
import {
  emptyFilter,
  familyCommercialUses,
  filterFamilies,
  isFilterEmpty,
  languageOptions,
  sizeClass,
  taskOptions,
  type CatalogFilter,
} from './filterFamilies';

// The bundled data, read the way Vite reads it (renderer code has no file system).
const bundled = Object.values(
  import.meta.glob<unknown>('../../../../resources/catalog/*.json', { eager: true, import: 'default' }),
).map((json) => CatalogFamilySchema.parse(json));

const text = { en: 'x', 'zh-CN': '文' };

function family(id: string, patch: Partial<CatalogFamily>): CatalogFamily {
  return CatalogFamilySchema.parse({
    id,
    name: id,
    publisher: 'Test',
    released: '2024-01',
    summary: text,
    variants: [{ name: `${id} 7B`, parametersB: 7, contextLength: 4096, ggufArchitecture: 'llama' }],
    licenses: [{ id: 'apache-2.0', name: 'Apache-2.0', commercialUse: 'allowed', note: text, url: 'https://huggingface.co/a/b' }],
    languages: ['en'],
    strengths: [text],
    tasks: ['chat'],
    architectureNotes: text,
    engineSupport: 'supported',
    repos: [],
    sources: [{ label: 'card', url: 'https://huggingface.co/a/b' }],
    verifiedAt: '2026-11-28',
    ...patch,
  });
}

const mixed = family('mixed', {
  variants: [
    { name: 'mixed 0.5B', parametersB: 0.49, contextLength: 32768, ggufArchitecture: 'qwen2' },
    { name: 'mixed 3B', parametersB: 3.09, contextLength: 32768, ggufArchitecture: 'qwen2', license: 'research' },
    { name: 'mixed 72B', parametersB: 72.7, contextLength: 32768, ggufArchitecture: 'qwen2' },
  ],
  licenses: [
    { id: 'apache-2.0', name: 'Apache-2.0', commercialUse: 'allowed', note: text, url: 'https://huggingface.co/a/b' },
    { id: 'research', name: 'Research', commercialUse: 'non_commercial', note: text, url: 'https://huggingface.co/a/c' },
  ],
  languages: ['zh', 'en'],
  tasks: ['chat', 'code', 'chinese'],
});
const moe = family('moe', {
  variants: [
    {
      name: 'moe 8x7B', parametersB: 46.7, activeParametersB: 12.9, contextLength: 32768, ggufArchitecture: 'llama',
      heads: 32, kvHeads: 8, experts: { total: 8, used: 2 },
    },
  ],
  languages: ['en', 'fr'],
});
const vision = family('vision', {
  variants: [{ name: 'vision 13B', parametersB: 13, contextLength: 2048, ggufArchitecture: null }],
  licenses: [{ id: 'nc', name: 'NC', commercialUse: 'non_commercial', note: text, url: 'https://github.com/a/b' }],
  tasks: ['vision', 'chat'],
  engineSupport: 'image_input_unsupported',
});
const families = [mixed, moe, vision, family('plain', {})];
const ids = (filter: Partial<CatalogFilter>) => filterFamilies(families, { ...emptyFilter, ...filter }).map((f) => f.id);

describe('catalog filters', () => {
  it('shows everything without a filter', () => {
    expect(isFilterEmpty(emptyFilter)).toBe(true);
    expect(ids({})).toEqual(['mixed', 'moe', 'vision', 'plain']);
  });

  it('puts sizes in the class their names suggest', () => {
    expect([0.135, 3.82, 4.3].map(sizeClass)).toEqual(['small', 'small', 'small']);
    expect([7.24, 9.4].map(sizeClass)).toEqual(['medium', 'medium']);
    expect([13.9, 14.8].map(sizeClass)).toEqual(['large', 'large']);
    expect([32.5, 46.7, 405].map(sizeClass)).toEqual(['xlarge', 'xlarge', 'xlarge']);
  });

  it('matches size per variant, MoE by total parameters', () => {
    expect(ids({ size: 'small' })).toEqual(['mixed']);
    expect(ids({ size: 'medium' })).toEqual(['plain']);
    expect(ids({ size: 'large' })).toEqual(['vision']);
    expect(ids({ size: 'xlarge' })).toEqual(['mixed', 'moe']);
  });

  it('matches license per variant, so a family can be both allowed and non-commercial', () => {
    expect(familyCommercialUses(mixed)).toEqual(['allowed', 'non_commercial']);
    expect(ids({ license: 'allowed' })).toEqual(['mixed', 'moe', 'plain']);
    expect(ids({ license: 'non_commercial' })).toEqual(['mixed', 'vision']);
    expect(ids({ license: 'conditional' })).toEqual([]);
  });

  it('matches language and task, and combines every filter', () => {
    expect(ids({ language: 'zh' })).toEqual(['mixed']);
    expect(ids({ language: 'fr' })).toEqual(['moe']);
    expect(ids({ task: 'vision' })).toEqual(['vision']);
    expect(ids({ task: 'chat', language: 'en', license: 'allowed', size: 'xlarge' })).toEqual(['mixed', 'moe']);
    expect(ids({ task: 'code', size: 'medium' })).toEqual([]);
  });

  it('searches names, publishers, variants and languages (by code and by name in both languages), every word required', () => {
    expect(ids({ query: 'MOE' })).toEqual(['moe']);
    expect(ids({ query: 'test' })).toEqual(families.map((f) => f.id));
    expect(ids({ query: 'chinese' })).toEqual(['mixed']);
    expect(ids({ query: '中文' })).toEqual(['mixed']);
    expect(ids({ query: 'French moe' })).toEqual(['moe']);
    expect(ids({ query: 'French mixed' })).toEqual([]);
    expect(ids({ query: '  ' })).toEqual(families.map((f) => f.id));
    expect(isFilterEmpty({ ...emptyFilter, query: 'x' })).toBe(false);
  });

  it('offers the languages and tasks that occur, most common languages first', () => {
    expect(languageOptions(families)).toEqual(['en', 'fr', 'zh']);
    expect(taskOptions(families, CatalogTaskSchema.options)).toEqual(['chat', 'code', 'chinese', 'vision']);
  });

  it('finds the expected families in the bundled catalog', () => {
    const bundledIds = (filter: Partial<CatalogFilter>) =>
      filterFamilies(bundled, { ...emptyFilter, ...filter }).map((f) => f.id).sort();
    expect(bundled.length).toBeGreaterThan(10);
    expect(bundledIds({ license: 'non_commercial' })).toEqual(['alpaca', 'llava', 'minigpt-4', 'qwen-2.5', 'vicuna']);
    expect(bundledIds({ task: 'vision' })).toEqual(['llava', 'minigpt-4']);
    expect(bundledIds({ language: 'zh' })).toEqual(expect.arrayContaining(['baichuan-2', 'chatglm', 'chinese-llama', 'qwen-2.5', 'qwen-3']));
    expect(bundledIds({ size: 'small' })).toEqual(expect.arrayContaining(['gemma-3', 'llama-3', 'phi-3', 'qwen-2.5', 'smollm2']));
    expect(bundledIds({ query: 'qwen' })).toEqual(['qwen-2.5', 'qwen-3']);
    expect(bundledIds({ query: 'mistral' })).toEqual(expect.arrayContaining(['mistral-7b', 'mixtral-8x7b']));
  });
});

describe('catalog formatting', () => {
  it('writes sizes and context the way model names do', () => {
    expect(formatBillions(0.135, 'en')).toBe('135M');
    expect(formatBillions(1.24, 'en')).toBe('1.24B');
    expect(formatBillions(46.7, 'en')).toBe('46.7B');
    expect(formatBillions(405, 'en')).toBe('405B');
    expect(formatContext(131072, 'en')).toBe('128K');
    expect(formatContext(2000, 'en')).toBe('2,000');
    expect(sizeSummary(mixed, 'en')).toBe('490M · 3.09B · 72.7B');
    expect(contextSummary(vision, 'en')).toBe('2K');
  });

  it('names the attention layout from the head counts', () => {
    const v = (heads: number, kvHeads: number) => ({ name: 'v', parametersB: 1, contextLength: 1, ggufArchitecture: 'llama', heads, kvHeads });
    expect(attentionKind(v(32, 32))).toBe('mha');
    expect(attentionKind(v(32, 8))).toBe('gqa');
    expect(attentionKind(v(4, 1))).toBe('mqa');
    expect(attentionKind({ name: 'v', parametersB: 1, contextLength: 1, ggufArchitecture: null })).toBeNull();
  });
});
