import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

/** Built-in public-domain texts, or the user's own. */
export const QualitySampleSchema = z.enum(['en', 'zh', 'custom']);
export type QualitySample = z.infer<typeof QualitySampleSchema>;

const PathSchema = z.string().min(1).max(4096);

export const QualityRequestSchema = z.object({
  /** The file measured (usually a quantization). */
  path: PathSchema,
  /** What it is compared with; null: the source recorded in its lineage. */
  referencePath: PathSchema.nullable().default(null),
  sample: QualitySampleSchema.default('en'),
  /** The text for `custom`; ignored otherwise. */
  text: z.string().max(200_000).default(''),
  /** Tokens scored at most (long texts are cut; each token costs one full-vocabulary distribution). */
  maxTokens: z.number().int().min(16).max(4096).default(256),
});
export type QualityRequest = z.infer<typeof QualityRequestSchema>;
export type QualityRequestInput = z.input<typeof QualityRequestSchema>;

export const QualityResultSchema = z.object({
  id: z.string(),
  path: z.string(),
  referencePath: z.string(),
  sample: QualitySampleSchema,
  /** Positions scored (each predicts the next token of the text). */
  tokens: z.number().int(),
  perplexity: z.number(),
  referencePerplexity: z.number(),
  /** Mean KL(reference ‖ measured) in nats per token; 0 means identical predictions. */
  klDivergence: z.number(),
  /** Share of positions where both models rank the same token first. */
  topTokenAgreement: z.number(),
  /** Greedy generation speed of the measured file on this machine, tokens per second. */
  tokensPerSecond: z.number().nullable(),
  sizeBytes: z.number(),
  fileType: z.string(),
  measuredAt: z.number(),
});
export type QualityResult = z.infer<typeof QualityResultSchema>;

export const QualityEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    phase: z.enum(['reference', 'measured', 'speed']),
    done: z.number().int(),
    total: z.number().int(),
  }),
  z.object({ type: z.literal('done'), result: QualityResultSchema }),
]);
export type QualityEvent = z.infer<typeof QualityEventSchema>;

/** One point of a model family's chart: a file and its last measurement against the family's source. */
export const FamilyPointSchema = z.object({
  path: z.string(),
  fileType: z.string(),
  sizeBytes: z.number(),
  klDivergence: z.number().nullable(),
  perplexity: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  isSource: z.boolean(),
});
export type FamilyPoint = z.infer<typeof FamilyPointSchema>;

export const QualityFamilySchema = z.object({
  sourcePath: z.string(),
  points: z.array(FamilyPointSchema),
});
export type QualityFamily = z.infer<typeof QualityFamilySchema>;

const base = oc.errors(appErrors);

export const qualityContract = {
  /** Perplexity and KL divergence against the reference, computed in an engine process; saved. */
  measure: base.input(QualityRequestSchema).output(eventIterator(QualityEventSchema)),
  /** Saved measurements of one file, newest first. */
  results: base.input(z.object({ path: PathSchema })).output(z.array(QualityResultSchema)),
  /** Every quantization made from the same source as this file, with its latest measurement. */
  family: base.input(z.object({ path: PathSchema })).output(QualityFamilySchema),
};
