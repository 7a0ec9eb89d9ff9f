import type { ChatTemplate, MetadataEntry, ModelDetails, SpecialToken, TokenizerInfo } from '../../shared/contract';
import type { GgufHeader, GgufScalar, GgufValue } from './readGgufHeader';

/** What the header alone says beyond the facts; the KV-cache chart comes from the engine. */
export type HeaderDetails = Omit<ModelDetails, 'path' | 'kvCache' | 'kvCacheProblem'>;

// Bounds on what crosses to the UI, whatever the file claims.
const MAX_TEMPLATE_CHARS = 256 * 1024;
const MAX_ENTRIES = 1000;
const MAX_VALUE_CHARS = 1024;
const MAX_ITEM_CHARS = 200;
const MAX_ITEMS = 16;
const MAX_KEY_CHARS = 256;

const TOKENS_KEY = 'tokenizer.ggml.tokens';
const specialTokenKeys = {
  bos: 'tokenizer.ggml.bos_token_id',
  eos: 'tokenizer.ggml.eos_token_id',
  pad: 'tokenizer.ggml.padding_token_id',
  unknown: 'tokenizer.ggml.unknown_token_id',
} as const;

/** Token ids whose text must be picked from a vocabulary too long to keep (see readGgufHeader). */
export function specialTokenIds(header: GgufHeader): number[] {
  const tokens = header.metadata.get(TOKENS_KEY);
  if (!tokens || typeof tokens !== 'object' || tokens.items) return [];
  return Object.values(specialTokenKeys)
    .map((key) => int(header.metadata.get(key)))
    .filter((id): id is number => id !== null && id >= 0 && id < tokens.arrayLength);
}

export const tokensKey = TOKENS_KEY;

/** Chat templates, tokenizer, license keys and every metadata entry, bounded for display. */
export function ggufDetails(header: GgufHeader): HeaderDetails {
  const md = header.metadata;
  const text = (key: string) => str(md.get(key));
  return {
    chatTemplates: chatTemplates(md),
    tokenizer: tokenizer(md),
    license: {
      license: text('general.license'),
      licenseName: text('general.license.name'),
      licenseLink: text('general.license.link'),
      author: text('general.author'),
      organization: text('general.organization'),
      url: text('general.url'),
      repoUrl: text('general.repo_url'),
      basename: text('general.basename'),
      sizeLabel: text('general.size_label'),
      finetune: text('general.finetune'),
      version: text('general.version'),
    },
    metadata: [...md].slice(0, MAX_ENTRIES).map(([key, value]) => entry(key, value)),
    metadataCount: md.size,
  };
}

function chatTemplates(md: Map<string, GgufValue>): ChatTemplate[] {
  const templates: ChatTemplate[] = [];
  for (const [key, value] of md) {
    if (typeof value !== 'string') continue;
    const name = key === 'tokenizer.chat_template' ? null : key.startsWith('tokenizer.chat_template.') ? key.slice(24) : undefined;
    if (name === undefined) continue;
    templates.push({ name: name === null ? null : cut(name, MAX_KEY_CHARS), text: cut(value, MAX_TEMPLATE_CHARS), truncated: value.length > MAX_TEMPLATE_CHARS });
  }
  // The default template first, then the named ones (tool_use, rag) as the file lists them.
  return templates.sort((a, b) => Number(a.name !== null) - Number(b.name !== null));
}

function tokenizer(md: Map<string, GgufValue>): TokenizerInfo {
  const tokens = md.get(TOKENS_KEY);
  const vocab = tokens && typeof tokens === 'object' ? tokens : null;
  const special = (key: string): SpecialToken | null => {
    const id = int(md.get(key));
    if (id === null) return null;
    const item = vocab?.items?.[id] ?? vocab?.picked?.get(id);
    return { id, text: typeof item === 'string' ? cut(item, MAX_ITEM_CHARS) : null };
  };
  return {
    model: str(md.get('tokenizer.ggml.model')),
    pre: str(md.get('tokenizer.ggml.pre')),
    vocabSize: vocab?.arrayLength ?? null,
    bos: special(specialTokenKeys.bos),
    eos: special(specialTokenKeys.eos),
    pad: special(specialTokenKeys.pad),
    unknown: special(specialTokenKeys.unknown),
    addBos: bool(md.get('tokenizer.ggml.add_bos_token')),
    addEos: bool(md.get('tokenizer.ggml.add_eos_token')),
  };
}

function entry(key: string, value: GgufValue): MetadataEntry {
  if (typeof value !== 'object') {
    const scalar = displayScalar(value, MAX_VALUE_CHARS);
    return { key: cut(key, MAX_KEY_CHARS), value: scalar, arrayLength: null, items: null, truncated: typeof value === 'string' && value.length > MAX_VALUE_CHARS };
  }
  const items = value.items?.slice(0, MAX_ITEMS).map((item) => displayScalar(item, MAX_ITEM_CHARS)) ?? null;
  return {
    key: cut(key, MAX_KEY_CHARS),
    value: null,
    arrayLength: value.arrayLength,
    items,
    truncated: items === null || value.arrayLength > items.length,
  };
}

function displayScalar(value: GgufScalar, maxChars: number): string | number | boolean {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return cut(value, maxChars);
  // f32 values read as doubles print as 9.999999747378752e-6; seven digits is what they hold.
  if (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)) return Number(value.toPrecision(7));
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function str(v: GgufValue | undefined): string | null {
  return typeof v === 'string' ? cut(v, MAX_VALUE_CHARS) : null;
}

function bool(v: GgufValue | undefined): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

function int(v: GgufValue | undefined): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}
