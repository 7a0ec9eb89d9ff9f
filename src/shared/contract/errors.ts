import { z } from 'zod';
import { BuildRequirementSchema } from './engineBuildRequirement';

/**
 * Typed error codes that cross every transport. The renderer translates `errors.<CODE>` with the
 * error's data as interpolation values; the message is only a developer-facing fallback.
 */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof IssueSchema>;

/**
 * A failure kept with what it happened to (an answer, a pane's result, a suite cell): the code, a
 * technical detail, and the error's data so the sentence can be translated later with its values.
 */
export const StoredErrorSchema = z.object({
  code: z.string(),
  detail: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type StoredError = z.infer<typeof StoredErrorSchema>;

export const appErrors = {
  INVALID_INPUT: {
    message: 'The request was not valid.',
    data: z.object({ issues: z.array(IssueSchema) }),
  },
  FOLDER_NOT_FOUND: {
    message: 'The folder does not exist.',
    data: z.object({ path: z.string() }),
  },
  FOLDER_UNREADABLE: {
    message: 'The folder cannot be read.',
    data: z.object({ path: z.string() }),
  },
  NOT_A_FOLDER: {
    message: 'The path is not a folder.',
    data: z.object({ path: z.string() }),
  },
  STORAGE_FAILED: {
    message: 'The database could not save the change.',
    data: z.object({ reason: z.enum(['DISK_FULL', 'READ_ONLY', 'OTHER']) }),
  },
  CONVERSATION_NOT_FOUND: {
    message: 'The conversation does not exist.',
    data: z.object({ id: z.string() }),
  },
  MESSAGE_NOT_FOUND: {
    message: 'The message does not exist.',
    data: z.object({ id: z.string() }),
  },
  NO_MODEL_SELECTED: {
    message: 'Choose a model for this conversation first.',
    data: z.object({}),
  },
  MODEL_NOT_LOADED: {
    message: 'The model is not loaded.',
    data: z.object({ path: z.string() }),
  },
  GENERATION_BUSY: {
    message: 'An answer is already being written in this conversation.',
    data: z.object({ conversationId: z.string() }),
  },
  PATH_NOT_IN_LIBRARY: {
    message: 'Only files inside your model folders can be opened.',
    data: z.object({ path: z.string() }),
  },
  MODEL_IN_USE: {
    message: 'The model is loaded; eject it first.',
    data: z.object({ path: z.string() }),
  },
  NOT_A_GGUF: {
    message: 'The file is not a valid GGUF model.',
    data: z.object({ path: z.string(), problem: z.string(), detail: z.string() }),
  },
  MODEL_WONT_FIT: {
    message: 'The model will not fit in memory with these settings.',
    data: z.object({
      /** Which memory overflows: system RAM or the GPU's. */
      pool: z.enum(['ram', 'vram']),
      neededBytes: z.number(),
      availableBytes: z.number(),
      /** The largest context size that fits with the chosen offload, if any. */
      suggestedContextSize: z.number().nullable(),
      suggestedGpuLayers: z.number().nullable(),
    }),
  },
  MODEL_LOAD_FAILED: {
    message: 'The engine could not load the model.',
    data: z.object({ path: z.string(), detail: z.string() }),
  },
  ENGINE_CRASHED: {
    message: 'The engine stopped unexpectedly.',
    data: z.object({ detail: z.string() }),
  },
  ENGINE_REJECTED: {
    message: 'The engine cannot serve this request as asked.',
    data: z.object({ detail: z.string() }),
  },
  IMPORT_INVALID: {
    message: 'The file is not a Caliper conversation export.',
    data: z.object({ issues: z.array(IssueSchema) }),
  },
  IMPORT_NOT_FOUND: {
    message: 'That import is over (finished, cancelled, or idle too long); start it again.',
    data: z.object({ importId: z.string() }),
  },
  STORAGE_BUSY: {
    message: 'The database is busy with something that must finish first.',
    data: z.object({ reason: z.enum(['GENERATING', 'COMPACTING', 'IMPORTING']) }),
  },
  HUB_UNREACHABLE: {
    message: 'The Hugging Face Hub cannot be reached.',
    data: z.object({ endpoint: z.string(), detail: z.string() }),
  },
  HUB_UNAUTHORIZED: {
    message: 'The Hub refused access; the model may be gated or the token wrong.',
    data: z.object({ repoId: z.string().nullable() }),
  },
  HUB_NOT_FOUND: {
    message: 'The Hub has no such model or file.',
    data: z.object({ repoId: z.string(), path: z.string().nullable() }),
  },
  HUB_FAILED: {
    message: 'The Hub answered with an error.',
    data: z.object({ status: z.number().int(), detail: z.string() }),
  },
  HUB_REDIRECT_REFUSED: {
    message: 'The Hub redirected to an address on this machine or its network; the request was stopped.',
    data: z.object({ host: z.string() }),
  },
  BAD_HUB_PATH: {
    message: 'A name from the Hub cannot be used as a file name here.',
    data: z.object({ path: z.string(), reason: z.string() }),
  },
  DOWNLOAD_NOT_FOUND: {
    message: 'The download does not exist.',
    data: z.object({ id: z.string() }),
  },
  DOWNLOAD_EXISTS: {
    message: 'The file is already in your library or being downloaded.',
    data: z.object({ path: z.string() }),
  },
  NOT_ENOUGH_SPACE: {
    message: 'There is not enough free disk space.',
    data: z.object({ neededBytes: z.number(), availableBytes: z.number(), folder: z.string() }),
  },
  QUANTIZE_JOB_NOT_FOUND: {
    message: 'The quantization does not exist.',
    data: z.object({ id: z.string() }),
  },
  QUANTIZE_NO_SPACE: {
    message: 'There is not enough free disk space for the quantized file.',
    data: z.object({ neededBytes: z.number(), availableBytes: z.number(), folder: z.string() }),
  },
  QUANTIZE_OUTPUT_EXISTS: {
    message: 'A file with the output name already exists or is being written.',
    data: z.object({ path: z.string() }),
  },
  QUANTIZE_UNSUPPORTED: {
    message: 'llama.cpp cannot quantize this file to that type.',
    data: z.object({ path: z.string(), type: z.string(), detail: z.string() }),
  },
  REQUANTIZE_NEEDS_CONSENT: {
    message: 'The file is already quantized; quantizing it again loses more quality and needs your consent.',
    data: z.object({ path: z.string(), fileType: z.string() }),
  },
  ADAPTER_MISMATCH: {
    message: 'The LoRA adapter was made for a different model.',
    data: z.object({ path: z.string(), reason: z.string(), detail: z.string() }),
  },
  QUALITY_NO_REFERENCE: {
    message: 'Choose the file to compare with: this one has no recorded source.',
    data: z.object({ path: z.string() }),
  },
  QUALITY_FAILED: {
    message: 'The quality measurement failed.',
    data: z.object({ detail: z.string() }),
  },
  COMPARISON_NOT_FOUND: {
    message: 'The comparison does not exist.',
    data: z.object({ id: z.string() }),
  },
  COMPARISON_LOCKED: {
    message: 'This comparison cannot be changed that way now.',
    data: z.object({ reason: z.enum(['BLIND', 'HAS_ROUNDS', 'VOTED', 'NOT_BLIND', 'NO_SUCH_ROUND', 'BUSY']) }),
  },
  SUITE_NOT_FOUND: {
    message: 'The prompt suite or run does not exist.',
    data: z.object({ id: z.string() }),
  },
  CONNECTION_NOT_FOUND: {
    message: 'The remote engine connection does not exist.',
    data: z.object({ id: z.string() }),
  },
  REMOTE_UNREACHABLE: {
    message: 'The remote engine cannot be reached.',
    data: z.object({ endpoint: z.string(), detail: z.string() }),
  },
  REMOTE_TLS: {
    message: 'The secure connection to the remote engine failed.',
    data: z.object({ endpoint: z.string(), detail: z.string() }),
  },
  REMOTE_UNAUTHORIZED: {
    message: 'The remote engine refused the API key.',
    data: z.object({ endpoint: z.string(), status: z.number().int() }),
  },
  REMOTE_MODEL_NOT_FOUND: {
    message: 'The remote engine does not serve that model.',
    data: z.object({ model: z.string() }),
  },
  REMOTE_BUSY: {
    message: 'The remote engine is busy.',
    data: z.object({ status: z.number().int(), retryAfterSeconds: z.number() }),
  },
  REMOTE_TIMEOUT: {
    message: 'The remote engine stopped answering.',
    data: z.object({ phase: z.enum(['first_byte', 'idle']), seconds: z.number() }),
  },
  REMOTE_STREAM_CUT: {
    message: 'The answer from the remote engine was cut off.',
    data: z.object({ detail: z.string() }),
  },
  REMOTE_MALFORMED: {
    message: 'The remote engine sent something that is not the OpenAI protocol.',
    data: z.object({ detail: z.string() }),
  },
  REMOTE_FAILED: {
    message: 'The remote engine answered with an error.',
    data: z.object({ status: z.number().int(), detail: z.string() }),
  },
  API_MODEL_NOT_FOUND: {
    message: 'No model of that name is loaded or in the library.',
    data: z.object({ model: z.string() }),
  },
  API_KEY_NOT_FOUND: {
    message: 'The API key does not exist.',
    data: z.object({ id: z.string() }),
  },
  BENCH_BUSY: {
    message: 'A benchmark is already running; one at a time keeps the numbers clean.',
    data: z.object({ runId: z.string() }),
  },
  BENCH_RUN_NOT_FOUND: {
    message: 'The benchmark run does not exist.',
    data: z.object({ runId: z.string() }),
  },
  BENCH_FAILED: {
    message: 'The benchmark could not finish.',
    data: z.object({ detail: z.string() }),
  },
  ENGINE_BUILD_BUSY: {
    message: 'The engine is already being built.',
    data: z.object({}),
  },
  ENGINE_BUILD_UNAVAILABLE: {
    message: 'The engine cannot be built on this installation.',
    data: z.object({ missing: z.array(BuildRequirementSchema) }),
  },
  ENGINE_BUILD_NONE: {
    message: 'There is no engine built for this machine yet.',
    data: z.object({}),
  },
} as const;

export type AppErrorCode = keyof typeof appErrors;

/** Codes oRPC itself produces (unknown procedure, bad frame, crash) that the renderer also translates. */
export const transportErrorCodes = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'INTERNAL_SERVER_ERROR',
  'ABORTED',
  'TIMEOUT',
] as const;
