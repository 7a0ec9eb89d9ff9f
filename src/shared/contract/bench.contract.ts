import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { KvCacheTypeSchema } from './engine.contract';

/**
 * The benchmark lab: llama-bench's tests (`pp N`, `tg N`, `pp N+tg M`, each optionally at a depth
 * `@ dN`), repeated after a warm-up, over a sweep of load settings, kept with the machine they ran
 * on; and the engine build that ran them (node-llama-cpp's prebuilt or one built for this machine).
 */

const PathSchema = z.string().min(1).max(4096);

export const BenchTestSchema = z
  .object({
    /** Prompt tokens evaluated in batches (llama-bench `-p`). */
    nPrompt: z.number().int().min(0).max(16_384),
    /** Tokens generated one at a time after the prompt (llama-bench `-n`). */
    nGen: z.number().int().min(0).max(4096),
    /** Tokens already in the context before the timed part (llama-bench `-d`); not timed. */
    depth: z.number().int().min(0).max(131_072).default(0),
  })
  .refine((t) => t.nPrompt + t.nGen > 0, 'A test needs prompt or generated tokens');
export type BenchTest = z.infer<typeof BenchTestSchema>;

/** The load settings one measurement used; `gpuLayers` as the engine resolved it. */
export const BenchSettingsSchema = z.object({
  threads: z.number().int().min(1).max(256),
  /** Logical batch (llama-bench `-b`): prompt tokens handed to the engine per call. */
  batchSize: z.number().int().min(1).max(16_384),
  /** Micro-batch (llama-bench `-ub`): tokens computed per graph. */
  ubatchSize: z.number().int().min(1).max(16_384),
  flashAttention: z.boolean(),
  kvCacheType: KvCacheTypeSchema,
  gpuLayers: z.number().int().min(0).max(4096),
});
export type BenchSettings = z.infer<typeof BenchSettingsSchema>;

/** Every list is one axis of the sweep; the run measures every combination. */
export const BenchSweepSchema = z.object({
  /** null: the machine's default thread count. */
  threads: z.array(z.number().int().min(1).max(256)).min(1).max(16).nullable().default(null),
  batchSize: z.array(z.number().int().min(16).max(16_384)).min(1).max(8).default([2048]),
  ubatchSize: z.array(z.number().int().min(16).max(16_384)).min(1).max(8).default([512]),
  flashAttention: z.array(z.boolean()).min(1).max(2).default([false]),
  kvCacheType: z.array(KvCacheTypeSchema).min(1).max(3).default(['F16']),
  /** 'max': every layer the GPU backend takes (0 without a GPU). */
  gpuLayers: z
    .array(z.union([z.literal('max'), z.number().int().min(0).max(4096)]))
    .min(1)
    .max(8)
    .default(['max']),
});
export type BenchSweep = z.infer<typeof BenchSweepSchema>;

export const MAX_BENCH_MEASUREMENTS = 256;

export const BenchStartSchema = z
  .object({
    path: PathSchema,
    tests: z.array(BenchTestSchema).min(1).max(16),
    /** Timed repetitions of each test (llama-bench `-r`), after one untimed warm-up. */
    repetitions: z.number().int().min(1).max(50).default(5),
    warmup: z.boolean().default(true),
    sweep: BenchSweepSchema.default({
      threads: null,
      batchSize: [2048],
      ubatchSize: [512],
      flashAttention: [false],
      kvCacheType: ['F16'],
      gpuLayers: ['max'],
    }),
  })
  .refine(
    (r) => {
      const s = r.sweep;
      const combos =
        (s.threads?.length ?? 1) * s.batchSize.length * s.ubatchSize.length * s.flashAttention.length * s.kvCacheType.length * s.gpuLayers.length;
      return combos * r.tests.length <= MAX_BENCH_MEASUREMENTS;
    },
    { message: `At most ${MAX_BENCH_MEASUREMENTS} measurements (settings combinations × tests) per run`, path: ['sweep'] },
  );
export type BenchStart = z.infer<typeof BenchStartSchema>;
export type BenchStartInput = z.input<typeof BenchStartSchema>;

/** The machine a run was measured on. `id` is a hash of the parts that change speed. */
export const MachineSchema = z.object({
  id: z.string(),
  cpuModel: z.string(),
  /** The instruction-set extensions llama.cpp's kernels use (avx2, avx512f, fma, neon, …). */
  cpuFlags: z.array(z.string()),
  logicalCores: z.number().int(),
  /** Cores llama.cpp counts for math (physical cores, performance cores). */
  mathCores: z.number().int(),
  memoryBytes: z.number(),
  gpuBackend: z.string(),
  gpuNames: z.array(z.string()),
  vramBytes: z.number(),
  os: z.string(),
  arch: z.string(),
});
export type Machine = z.infer<typeof MachineSchema>;

/** Which llama.cpp binary the engine loaded. */
export const EngineBuildInfoSchema = z.object({
  /** `prebuilt`: node-llama-cpp's shipped binary; `native`: built on this machine (Settings → Engine build). */
  kind: z.enum(['prebuilt', 'native']),
  backend: z.string(),
  nodeLlamaCppVersion: z.string(),
  llamaCppRelease: z.string(),
  /** llama.cpp's own system-info line (`AVX2 = 1 | OPENMP = 1 | …`). */
  systemInfo: z.string(),
  /** Why a native build was not used although chosen; null when it was or was not chosen. */
  fallbackReason: z.string().nullable(),
});
export type EngineBuildInfo = z.infer<typeof EngineBuildInfoSchema>;

export const BandwidthSchema = z.object({
  machineId: z.string(),
  /** Memory read bandwidth, bytes per second (the best of several passes over a buffer far larger than the caches). */
  bytesPerSecond: z.number(),
  threads: z.number().int(),
  bufferBytes: z.number(),
  measuredAt: z.number(),
});
export type Bandwidth = z.infer<typeof BandwidthSchema>;

export const BenchResultSchema = z.object({
  id: z.string(),
  test: BenchTestSchema,
  /** llama-bench's name: `pp512`, `tg128`, `pp512+tg128`, with ` @ d4096` for a depth. */
  name: z.string(),
  settings: BenchSettingsSchema,
  samplesNs: z.array(z.number()),
  /** Tokens per second (prompt + generated over the timed span), mean and sample deviation over the repetitions. */
  avgTs: z.number(),
  stddevTs: z.number(),
  avgNs: z.number(),
  stddevNs: z.number(),
  /** Generation tests: bytes read per generated token (weights touched + KV cache at that depth). */
  bytesPerToken: z.number().nullable(),
  /** bytesPerToken × tok/s over the machine's measured bandwidth (CPU runs); 1 = the memory limit. */
  bandwidthShare: z.number().nullable(),
  /** Other models were generating while this was measured. */
  disturbed: z.boolean(),
  testTime: z.number(),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;

export const BenchModelSchema = z.object({
  fileName: z.string(),
  architecture: z.string(),
  fileType: z.string(),
  /** Tensor bytes (llama-bench's `model_size`). */
  sizeBytes: z.number(),
  parameters: z.number(),
  /** llama.cpp's description, e.g. `llama ?B F32` (llama-bench's `model_type`). */
  description: z.string(),
});
export type BenchModel = z.infer<typeof BenchModelSchema>;

export const BenchRunStatusSchema = z.enum(['running', 'complete', 'cancelled', 'failed', 'interrupted']);

export const BenchRunSchema = z.object({
  id: z.string(),
  path: z.string(),
  sha256: z.string(),
  model: BenchModelSchema,
  machine: MachineSchema,
  engine: EngineBuildInfoSchema.nullable(),
  appVersion: z.string(),
  request: z.object({ tests: z.array(BenchTestSchema), repetitions: z.number().int(), warmup: z.boolean() }),
  bandwidth: BandwidthSchema.nullable(),
  status: BenchRunStatusSchema,
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  results: z.array(BenchResultSchema),
});
export type BenchRun = z.infer<typeof BenchRunSchema>;

export const BenchEventSchema = z.discriminatedUnion('type', [
  /** The run exists (saved as `running`); `total` measurements follow. */
  z.object({ type: z.literal('started'), run: BenchRunSchema, total: z.number().int() }),
  z.object({
    type: z.literal('progress'),
    /** Measurements finished so far, of `total`. */
    done: z.number().int(),
    total: z.number().int(),
    phase: z.enum(['bandwidth', 'load', 'depth', 'warmup', 'repetition']),
    name: z.string().nullable(),
    /** The settings being measured, offload as asked ('max' before the engine resolves it). */
    settings: BenchSettingsSchema.extend({ gpuLayers: z.union([z.literal('max'), z.number().int().min(0)]) }).nullable(),
    repetition: z.number().int().nullable(),
  }),
  /** Other models were generating: the numbers measured meanwhile are marked `disturbed`. */
  z.object({ type: z.literal('warning'), code: z.literal('OTHER_MODELS_GENERATING'), count: z.number().int() }),
  z.object({ type: z.literal('result'), result: BenchResultSchema }),
  z.object({ type: z.literal('finished'), run: BenchRunSchema }),
]);
export type BenchEvent = z.infer<typeof BenchEventSchema>;

export const BenchExportFormatSchema = z.enum(['json', 'jsonl', 'csv', 'md', 'sql']);
export type BenchExportFormat = z.infer<typeof BenchExportFormatSchema>;

/** Load settings the lab can recommend; what a load form needs. */
export const BenchLoadDefaultsSchema = z.object({
  threads: z.number().int().min(1).max(256),
  batchSize: z.number().int().min(16).max(65_536),
  /** Absent when the runs measured one setting only: adopting them keeps the file's own choice. */
  flashAttention: z.boolean().optional(),
});
export type BenchLoadDefaults = z.infer<typeof BenchLoadDefaultsSchema>;

export const BestSettingsSchema = z.object({
  /** The fastest measured settings for this file on this machine; null before any run. */
  best: BenchLoadDefaultsSchema.extend({
    /** Generation speed at those threads / flash attention, and prompt speed at that batch. */
    generationTokensPerSecond: z.number().nullable(),
    promptTokensPerSecond: z.number().nullable(),
    runIds: z.array(z.string()),
  }).nullable(),
  /** What the user adopted as this model's load defaults on this machine ("use as default"). */
  chosen: BenchLoadDefaultsSchema.nullable(),
});
export type BestSettings = z.infer<typeof BestSettingsSchema>;

export const MachineStateSchema = z.object({
  machine: MachineSchema,
  bandwidth: BandwidthSchema.nullable(),
  engine: EngineBuildInfoSchema.nullable(),
  /** The machine's default thread count (what a sweep without threads uses). */
  defaultThreads: z.number().int(),
});
export type MachineState = z.infer<typeof MachineStateSchema>;

const base = oc.errors(appErrors);

export const benchContract = {
  /** Runs a sweep in an engine process of its own; aborting the call (or `cancel`) stops it. */
  start: base.input(BenchStartSchema).output(eventIterator(BenchEventSchema)),
  cancel: base.input(z.object({ runId: z.string().min(1).max(64) })).output(z.object({ cancelled: z.boolean() })),
  /** Saved runs, newest first: of one file (by its sha256, so a moved file keeps its history), or all. */
  runs: base
    .input(z.object({ path: PathSchema.nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }))
    .output(z.array(BenchRunSchema)),
  get: base.input(z.object({ runId: z.string().min(1).max(64) })).output(BenchRunSchema),
  delete: base.input(z.object({ runId: z.string().min(1).max(64) })).output(z.object({ deleted: z.boolean() })),
  /** Runs in llama-bench's own output formats and field names. */
  export: base
    .input(z.object({ runIds: z.array(z.string().min(1).max(64)).min(1).max(100), format: BenchExportFormatSchema }))
    .output(z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() })),
  /** This machine, its last measured bandwidth and the engine build in use. */
  machine: base.output(MachineStateSchema),
  /** Measures memory read bandwidth now (a few seconds, every core) and keeps it for this machine. */
  measureBandwidth: base.output(BandwidthSchema),
  /** The fastest measured load settings for a file on this machine, and the ones the user adopted. */
  bestSettings: base.input(z.object({ path: PathSchema })).output(BestSettingsSchema),
  /** Adopts load settings as this file's defaults on this machine (null forgets them). */
  useAsDefault: base
    .input(z.object({ path: PathSchema, settings: BenchLoadDefaultsSchema.nullable() }))
    .output(BestSettingsSchema),
};
