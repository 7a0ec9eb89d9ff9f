import { z } from 'zod';

/**
 * Typed error codes that cross every transport. The renderer translates `errors.<CODE>` with the
 * error's data as interpolation values; the message is only a developer-facing fallback.
 */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof IssueSchema>;

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
  IMPORT_INVALID: {
    message: 'The file is not a Caliper conversation export.',
    data: z.object({ issues: z.array(IssueSchema) }),
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
