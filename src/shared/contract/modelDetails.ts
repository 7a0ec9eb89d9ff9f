import { z } from 'zod';
import { KvCacheTypeSchema } from './engine.contract';

/**
 * Everything the inspector shows for one file beyond the table's facts: chat templates,
 * tokenizer, license metadata, every metadata key (long arrays summarised) and the KV-cache
 * memory per context length. Header values are untrusted text: the UI renders them inert.
 */

export const ChatTemplateSchema = z.object({
  /** null for `tokenizer.chat_template`; the suffix of `tokenizer.chat_template.<name>` otherwise. */
  name: z.string().nullable(),
  text: z.string(),
  /** The template was longer than Caliper shows; `text` is its beginning. */
  truncated: z.boolean(),
});
export type ChatTemplate = z.infer<typeof ChatTemplateSchema>;

export const SpecialTokenSchema = z.object({
  id: z.number().int(),
  /** The token's text from the vocabulary; null when the id is outside it. */
  text: z.string().nullable(),
});
export type SpecialToken = z.infer<typeof SpecialTokenSchema>;

export const TokenizerInfoSchema = z.object({
  /** tokenizer.ggml.model: llama (SentencePiece), gpt2 (byte-level BPE), … */
  model: z.string().nullable(),
  /** tokenizer.ggml.pre: the pre-tokenizer llama.cpp selects. */
  pre: z.string().nullable(),
  vocabSize: z.number().int().nullable(),
  bos: SpecialTokenSchema.nullable(),
  eos: SpecialTokenSchema.nullable(),
  pad: SpecialTokenSchema.nullable(),
  unknown: SpecialTokenSchema.nullable(),
  addBos: z.boolean().nullable(),
  addEos: z.boolean().nullable(),
});
export type TokenizerInfo = z.infer<typeof TokenizerInfoSchema>;

/** The `general.*` keys that say who made the model and under which terms. Absent keys are null. */
export const LicenseInfoSchema = z.object({
  license: z.string().nullable(),
  licenseName: z.string().nullable(),
  licenseLink: z.string().nullable(),
  author: z.string().nullable(),
  organization: z.string().nullable(),
  url: z.string().nullable(),
  repoUrl: z.string().nullable(),
  basename: z.string().nullable(),
  sizeLabel: z.string().nullable(),
  finetune: z.string().nullable(),
  version: z.string().nullable(),
});
export type LicenseInfo = z.infer<typeof LicenseInfoSchema>;

export const MetadataScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

export const MetadataEntrySchema = z.object({
  key: z.string(),
  /** A scalar; an array's first items; null for an array too long to keep. */
  value: MetadataScalarSchema.nullable(),
  /** For arrays: how many items the file holds. */
  arrayLength: z.number().int().nullable(),
  items: z.array(MetadataScalarSchema).nullable(),
  /** A string or array shown in part. */
  truncated: z.boolean(),
});
export type MetadataEntry = z.infer<typeof MetadataEntrySchema>;

export const KvCacheSeriesSchema = z.object({
  type: KvCacheTypeSchema,
  /** Bytes of K and V together for each of `contextSizes`, in order. */
  bytes: z.array(z.number().nonnegative()),
});
export type KvCacheSeries = z.infer<typeof KvCacheSeriesSchema>;

/** A quantized cache type llama.cpp refuses for this model: its head size is not a multiple of the block. */
export const KvCacheUnsupportedSchema = z.object({
  type: KvCacheTypeSchema,
  headSize: z.number().int(),
  blockSize: z.number().int(),
});

export const KvCacheChartSchema = z.object({
  contextSizes: z.array(z.number().int().positive()),
  /** One series per cache type llama.cpp accepts for this model. */
  series: z.array(KvCacheSeriesSchema),
  unsupported: z.array(KvCacheUnsupportedSchema),
  /** Set when some layers keep only this many recent tokens, so their cache stops growing. */
  slidingWindow: z.number().int().positive().nullable(),
});
export type KvCacheChart = z.infer<typeof KvCacheChartSchema>;

export const ModelDetailsSchema = z.object({
  /** The real path that was read (symlinks resolved). */
  path: z.string(),
  chatTemplates: z.array(ChatTemplateSchema),
  tokenizer: TokenizerInfoSchema,
  license: LicenseInfoSchema,
  metadata: z.array(MetadataEntrySchema),
  /** Keys in the file; more than `metadata` holds when a hostile file has thousands. */
  metadataCount: z.number().int(),
  /** null for adapters, and when the engine could not estimate (see `kvCacheProblem`). */
  kvCache: KvCacheChartSchema.nullable(),
  kvCacheProblem: z.string().max(500).nullable(),
});
export type ModelDetails = z.infer<typeof ModelDetailsSchema>;
