import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { AbsolutePathSchema } from './settings.contract';
import { appErrors } from './errors';
import { patchOf } from './patch';

export const GpuLayersSchema = z.union([z.literal('auto'), z.literal('max'), z.number().int().min(0).max(4096)]);
export type GpuLayers = z.infer<typeof GpuLayersSchema>;

export const KvCacheTypeSchema = z.enum(['F16', 'Q8_0', 'Q4_0']);

/**
 * 'auto' (the default) is llama.cpp's own 'auto' when layers are offloaded to a GPU (on where the
 * backend computing each layer supports it), and off when every layer is on the CPU, where it
 * made generation in conversations slower (host side: flashAttentionFor).
 */
export const FlashAttentionSchema = z.union([z.literal('auto'), z.boolean()]);
export type FlashAttention = z.infer<typeof FlashAttentionSchema>;

export const LoraAdapterSchema = z.object({ path: AbsolutePathSchema, scale: z.number().min(-4).max(4).default(1) });
export type LoraAdapter = z.infer<typeof LoraAdapterSchema>;

/** How a model is loaded; every field has a default so `{}` is a valid choice. */
export const LoadSettingsSchema = z.object({
  /** 'auto' fits what the GPU can hold, 'max' all layers, 0 CPU only, N that many layers. */
  gpuLayers: GpuLayersSchema.default('auto'),
  contextSize: z.number().int().min(128).max(1_048_576).default(4096),
  /** null: the machine's default (engine.defaults). Never the library's own default. */
  threads: z.number().int().min(1).max(256).nullable().default(null),
  batchSize: z.number().int().min(16).max(65_536).nullable().default(null),
  flashAttention: FlashAttentionSchema.default('auto'),
  kvCacheType: KvCacheTypeSchema.default('F16'),
  /** LoRA adapters applied to this model's context, each with its scale (0 reproduces the base). */
  lora: z.array(LoraAdapterSchema).max(8).default([]),
});
export type LoadSettings = z.infer<typeof LoadSettingsSchema>;
export type LoadSettingsInput = z.input<typeof LoadSettingsSchema>;
/** Load settings as an update: only the named fields change, the rest keep their values. */
export const LoadSettingsPatchSchema = patchOf(LoadSettingsSchema);
export type LoadSettingsPatch = z.infer<typeof LoadSettingsPatchSchema>;

export const MemoryEstimateSchema = z.object({
  gpuLayers: z.number().int(),
  contextSize: z.number().int(),
  ramBytes: z.number(),
  vramBytes: z.number(),
  availableRamBytes: z.number(),
  availableVramBytes: z.number(),
  fits: z.boolean(),
});
export type MemoryEstimate = z.infer<typeof MemoryEstimateSchema>;

/** Will it run here: all layers on the GPU, some, on the CPU only, or not at all. */
export const FitLabelSchema = z.enum(['gpu', 'partial', 'cpu', 'wont_fit']);
export type FitLabel = z.infer<typeof FitLabelSchema>;

export const FitSchema = z.object({
  label: FitLabelSchema,
  /** The estimate behind the label (the configuration the label names). */
  estimate: MemoryEstimateSchema,
});
export type Fit = z.infer<typeof FitSchema>;

export const EngineStateSchema = z.enum(['loading', 'loaded', 'crashed', 'restarting', 'failed']);

export const LoadedModelSchema = z.object({
  instanceId: z.string(),
  path: z.string(),
  settings: LoadSettingsSchema,
  state: EngineStateSchema,
  /** What the engine actually chose (gpuLayers 'auto' resolved, context clamped to the model). */
  gpuLayers: z.number().int().nullable(),
  totalLayers: z.number().int().nullable(),
  contextSize: z.number().int().nullable(),
  threads: z.number().int().nullable(),
  estimate: MemoryEstimateSchema.nullable(),
  /** Resident memory of the engine process, measured. */
  processRssBytes: z.number().nullable(),
  /** The process's peak resident memory (the kernel's high-water mark), measured. */
  peakRssBytes: z.number().nullable(),
  restarts: z.number().int(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  /** Who holds the instance (Chat, Compare panes, a suite, the API); it is unloaded when none does. */
  holders: z.number().int().default(0),
  /** Held only by blind battles not yet voted on: everything that could name it is withheld. */
  blind: z.boolean().default(false),
});
export type LoadedModel = z.infer<typeof LoadedModelSchema>;

export const LoadEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: z.number().min(0).max(1) }),
  z.object({ type: z.literal('loaded'), model: LoadedModelSchema }),
]);
export type LoadEvent = z.infer<typeof LoadEventSchema>;

export const EngineDefaultsSchema = z.object({ threads: z.number().int(), contextSize: z.number().int() });

const base = oc.errors(appErrors);
const LoadInputSchema = z.object({ path: AbsolutePathSchema, settings: LoadSettingsPatchSchema.default({}) });

export const engineContract = {
  defaults: base.output(EngineDefaultsSchema),
  /** Memory needed for this file with these settings on this machine; loads nothing. */
  estimate: base.input(LoadInputSchema).output(MemoryEstimateSchema),
  /** The fit label for a file on this machine at a context size (default: the load default). */
  fit: base
    .input(z.object({ path: AbsolutePathSchema, contextSize: z.number().int().min(128).max(1_048_576).optional() }))
    .output(FitSchema),
  /** Loads a model in its own engine process: progress, then the loaded model. */
  load: base.input(LoadInputSchema).output(eventIterator(LoadEventSchema)),
  unload: base.input(z.object({ instanceId: z.string().max(64) })).output(z.void()),
  list: base.output(z.array(LoadedModelSchema)),
  /** How the user chose to load a file (only the fields they set); `{}` when never chosen. */
  savedSettings: base.input(z.object({ path: AbsolutePathSchema })).output(LoadSettingsPatchSchema),
  /** Keeps a file's load choice, replacing the last one; `{}` forgets it. */
  saveSettings: base.input(z.object({ path: AbsolutePathSchema, settings: LoadSettingsPatchSchema })).output(LoadSettingsPatchSchema),
  /** The loaded models now and after every change (loading, crash, restart, unload). */
  onDidChange: base.output(eventIterator(z.array(LoadedModelSchema))),
};
