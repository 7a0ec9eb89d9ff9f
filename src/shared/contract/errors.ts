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
