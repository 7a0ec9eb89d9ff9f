import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { FitSchema } from './engine.contract';
import { appErrors } from './errors';

/** The types Caliper offers, in the order shown (largest first). */
export const QuantTypeSchema = z.enum([
  'F16',
  'BF16',
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q5_K_S',
  'Q4_K_M',
  'Q4_K_S',
  'Q4_0',
  'Q3_K_M',
  'Q3_K_S',
  'Q2_K',
  'IQ4_XS',
  'IQ4_NL',
]);
export type QuantType = z.infer<typeof QuantTypeSchema>;

/**
 * Types whose quality depends on an importance matrix (llama.cpp's quantize tool warns for these):
 * they run without one, but lose noticeably more.
 */
export const IMATRIX_RECOMMENDED: ReadonlySet<QuantType> = new Set(['Q2_K', 'Q3_K_S', 'Q3_K_M', 'IQ4_XS', 'IQ4_NL']);

const PathSchema = z.string().min(1).max(4096);

export const QuantizeRequestSchema = z.object({
  sourcePath: PathSchema,
  type: QuantTypeSchema,
  /** An importance matrix (llama.cpp's GGUF imatrix format), inside the model folders. */
  imatrixPath: PathSchema.nullable().default(null),
  /** null: chosen so a loaded model keeps its cores (see QuantizeService). */
  threads: z.number().int().min(1).max(256).nullable().default(null),
  /** The source is already quantized: the user has read the quality warning and agrees. */
  allowRequantize: z.boolean().default(false),
});
export type QuantizeRequest = z.infer<typeof QuantizeRequestSchema>;
export type QuantizeRequestInput = z.input<typeof QuantizeRequestSchema>;

/** What a quantization will produce, before it starts (llama.cpp's dry run). */
export const QuantizePlanSchema = z.object({
  sourcePath: z.string(),
  sourceFileType: z.string(),
  sourceBytes: z.number(),
  type: QuantTypeSchema,
  outputPath: z.string(),
  /** Exact bytes of the output file, from the dry run. */
  predictedBytes: z.number(),
  /** Tensors llama.cpp will keep in another type (rows not a multiple of the block size). */
  fallbackTensors: z.number().int(),
  /** The output's fit label on this machine, estimated from the source with the new size. */
  fit: FitSchema.nullable(),
  freeBytes: z.number(),
  enoughSpace: z.boolean(),
  /** The source is already quantized: starting needs `allowRequantize`. */
  requantize: z.boolean(),
  imatrixRecommended: z.boolean(),
  /** Threads used when the request leaves them to Caliper, given what is loaded now. */
  defaultThreads: z.number().int(),
});
export type QuantizePlan = z.infer<typeof QuantizePlanSchema>;

export const QuantizeStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type QuantizeState = z.infer<typeof QuantizeStateSchema>;

/** Why a quantization stopped; each code has a translated explanation (`quantize.error.<code>`). */
export const QuantizeErrorCodeSchema = z.enum(['UNSUPPORTED', 'DISK_FULL', 'CRASHED', 'BAD_OUTPUT', 'FAILED']);
export type QuantizeErrorCode = z.infer<typeof QuantizeErrorCodeSchema>;

export const QuantizeJobSchema = z.object({
  id: z.string(),
  sourcePath: z.string(),
  outputPath: z.string(),
  type: QuantTypeSchema,
  state: QuantizeStateSchema,
  /** Tensors written so far, of `tensorsTotal` (0 until the first one). */
  tensorsDone: z.number().int(),
  tensorsTotal: z.number().int(),
  predictedBytes: z.number(),
  threads: z.number().int(),
  error: z.object({ code: QuantizeErrorCodeSchema, detail: z.string() }).nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type QuantizeJob = z.infer<typeof QuantizeJobSchema>;

/** Where a produced file came from; stored when it is registered in the library. */
export const LineageSchema = z.object({
  path: z.string(),
  sha256: z.string().nullable(),
  sourcePath: z.string(),
  sourceSha256: z.string(),
  sourceFileType: z.string(),
  type: QuantTypeSchema,
  options: z.object({ threads: z.number().int(), imatrixPath: z.string().nullable(), requantized: z.boolean() }),
  durationMs: z.number(),
  sizeBytes: z.number(),
  createdAt: z.number(),
});
export type Lineage = z.infer<typeof LineageSchema>;

const base = oc.errors(appErrors);
const PathInput = z.object({ path: PathSchema });

export const quantizeContract = {
  /** Output name, exact size, fit label and free space for a quantization; writes nothing. */
  plan: base.input(QuantizeRequestSchema).output(QuantizePlanSchema),
  /** Starts a quantization in its own process; follow it on `onDidChange`. */
  start: base.input(QuantizeRequestSchema).output(QuantizeJobSchema),
  /** Ends the quantization process; nothing of the output is left. */
  cancel: base.input(z.object({ id: z.string().max(64) })).output(z.void()),
  /** Forgets a job (a produced file stays); a running one is cancelled first. */
  remove: base.input(z.object({ id: z.string().max(64) })).output(z.void()),
  list: base.output(z.array(QuantizeJobSchema)),
  /** The jobs now and after every change (per-tensor progress at most a few times a second). */
  onDidChange: base.output(eventIterator(z.array(QuantizeJobSchema))),
  /** Where a file came from, if Caliper produced it. */
  lineage: base.input(PathInput).output(LineageSchema.nullable()),
};
