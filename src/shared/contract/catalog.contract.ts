import { oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { FitSchema } from './engine.contract';

/**
 * The curated model catalog (resources/catalog/*.json, one file per family). Descriptive text is
 * stored in both UI languages; names, numbers and identifiers are not translated.
 */

export const LocalizedTextSchema = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Whether and how the license lets a business use the weights; the filter and badges use this. */
export const CommercialUseSchema = z.enum(['allowed', 'conditional', 'non_commercial']);
export type CommercialUse = z.infer<typeof CommercialUseSchema>;

/**
 * `supported`: Caliper's engine runs it and its GGUF architectures are covered by the engine tests.
 * `untested`: llama.cpp knows the architecture but Caliper's tests do not load one yet.
 * `image_input_unsupported`: the model needs image input, which the engine does not take yet.
 */
export const EngineSupportSchema = z.enum(['supported', 'untested', 'image_input_unsupported']);
export type EngineSupport = z.infer<typeof EngineSupportSchema>;

/** What a family is typically used for; each tag has a translated label. */
export const CatalogTaskSchema = z.enum([
  'chat',
  'code',
  'reasoning',
  'math',
  'multilingual',
  'chinese',
  'tool-use',
  'long-context',
  'vision',
  'on-device',
  'research',
]);
export type CatalogTask = z.infer<typeof CatalogTaskSchema>;

const httpsUrl = z.url({ protocol: /^https$/ });
/** Hugging Face repo ids: `owner/name`, the characters the Hub allows. */
export const HubRepoIdSchema = z.string().regex(/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/, 'expected owner/name');
/** BCP 47 primary language subtags (`en`, `zh`, ...): names come from Intl.DisplayNames. */
const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as "en" or "zh"');

export const CatalogSourceSchema = z.object({ label: z.string().min(1), url: httpsUrl }).strict();
export type CatalogSource = z.infer<typeof CatalogSourceSchema>;

export const CatalogLicenseSchema = z
  .object({
    /** Referenced by variants whose license differs from the family's first one. */
    id: z.string().regex(/^[a-z0-9.-]+$/),
    name: z.string().min(1),
    commercialUse: CommercialUseSchema,
    /** The condition in plain words (user caps, registration, research only...). */
    note: LocalizedTextSchema,
    url: httpsUrl,
  })
  .strict();
export type CatalogLicense = z.infer<typeof CatalogLicenseSchema>;

export const CatalogVariantSchema = z
  .object({
    name: z.string().min(1),
    /** Total parameters in billions (for MoE: all experts). */
    parametersB: z.number().positive(),
    /** MoE only: parameters used per token, in billions. */
    activeParametersB: z.number().positive().optional(),
    /** The context length the model card states (native, without rope scaling). */
    contextLength: z.number().int().positive(),
    /** With rope scaling (YaRN, LongRoPE) where the card documents it. */
    extendedContextLength: z.number().int().positive().optional(),
    /** GGUF `general.architecture`; null where no GGUF conversion exists. */
    ggufArchitecture: z.string().regex(/^[a-z0-9_-]+$/).nullable(),
    layers: z.number().int().positive().optional(),
    heads: z.number().int().positive().optional(),
    /** Key/value heads: fewer than `heads` is grouped-query attention. */
    kvHeads: z.number().int().positive().optional(),
    slidingWindow: z.number().int().positive().optional(),
    experts: z.object({ total: z.number().int().positive(), used: z.number().int().positive() }).strict().optional(),
    /** A license id from the family's `licenses`; the first one when absent. */
    license: z.string().optional(),
  })
  .strict();
export type CatalogVariant = z.infer<typeof CatalogVariantSchema>;

export const CatalogRepoSchema = z
  .object({
    repoId: HubRepoIdSchema,
    /** `gguf`: ready for Caliper; `original`: the publisher's weights, to convert first. */
    format: z.enum(['gguf', 'original']),
    note: LocalizedTextSchema.optional(),
  })
  .strict();
export type CatalogRepo = z.infer<typeof CatalogRepoSchema>;

export const CatalogFamilySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9.-]+$/),
    name: z.string().min(1),
    publisher: z.string().min(1),
    /** `YYYY-MM` of the first release in the family. */
    released: z.string().regex(/^\d{4}-\d{2}$/),
    summary: LocalizedTextSchema,
    variants: z.array(CatalogVariantSchema).min(1),
    licenses: z.array(CatalogLicenseSchema).min(1),
    languages: z.array(languageCode).min(1),
    /** "119 languages and dialects": where the card names more than the list above. */
    languageNote: LocalizedTextSchema.optional(),
    strengths: z.array(LocalizedTextSchema).min(1),
    tasks: z.array(CatalogTaskSchema).min(1),
    architectureNotes: LocalizedTextSchema,
    engineSupport: EngineSupportSchema,
    repos: z.array(CatalogRepoSchema),
    sources: z.array(CatalogSourceSchema).min(1),
    /** When the facts were last checked against the sources (YYYY-MM-DD). */
    verifiedAt: z.iso.date(),
  })
  .strict()
  .superRefine((family, ctx) => {
    const licenseIds = new Set(family.licenses.map((l) => l.id));
    if (licenseIds.size !== family.licenses.length) {
      ctx.addIssue({ code: 'custom', path: ['licenses'], message: 'license ids must be unique' });
    }
    family.variants.forEach((variant, i) => {
      if (variant.license !== undefined && !licenseIds.has(variant.license)) {
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'license'], message: `unknown license "${variant.license}"` });
      }
      if (variant.kvHeads !== undefined && variant.heads !== undefined && variant.kvHeads > variant.heads) {
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'kvHeads'], message: 'more KV heads than heads' });
      }
      if ((variant.experts === undefined) !== (variant.activeParametersB === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['variants', i], message: 'MoE variants state both experts and active parameters' });
      }
      if (family.engineSupport !== 'image_input_unsupported' && variant.ggufArchitecture === null) {
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'ggufArchitecture'], message: 'a runnable family names its GGUF architecture' });
      }
    });
    if (family.engineSupport === 'image_input_unsupported' && !family.tasks.includes('vision')) {
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'image-input families are tagged "vision"' });
    }
  });
export type CatalogFamily = z.infer<typeof CatalogFamilySchema>;

/** The GGUF architectures a family's variants use, each once, in the order they appear. */
export function familyArchitectures(family: CatalogFamily): string[] {
  return [...new Set(family.variants.flatMap((v) => (v.ggufArchitecture ? [v.ggufArchitecture] : [])))];
}

/** The license that applies to a variant (its own, else the family's first). */
export function variantLicense(family: CatalogFamily, variant: CatalogVariant): CatalogLicense {
  return family.licenses.find((l) => l.id === variant.license) ?? family.licenses[0]!;
}

/**
 * The model offered on a first run with no model anywhere: a small catalog model whose license
 * allows use, in a GGUF repository that exists on the Hub in use, that fits here with room to
 * spare (estimated from its remote header).
 */
export const StarterModelSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  variantName: z.string(),
  parametersB: z.number(),
  summary: LocalizedTextSchema,
  repoId: z.string(),
  /** The file to download (the first part of a split file). */
  path: z.string(),
  quantization: z.string().nullable(),
  /** All parts together. */
  sizeBytes: z.number().nonnegative(),
  license: z.object({ name: z.string(), commercialUse: CommercialUseSchema, url: z.string() }),
  fit: FitSchema,
});
export type StarterModel = z.infer<typeof StarterModelSchema>;

const base = oc.errors(appErrors);

export const catalogContract = {
  /** Every curated family, validated when the host read the bundled files. */
  list: base.output(z.array(CatalogFamilySchema)),
  /**
   * One starter model for this machine, asked of the Hub in use (null when no candidate fits);
   * the families speaking the UI language come first.
   */
  starter: base.input(z.object({ language: z.enum(['en', 'zh-CN']) })).output(StarterModelSchema.nullable()),
};
