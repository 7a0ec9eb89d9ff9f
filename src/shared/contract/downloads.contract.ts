import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { RepoFilePathSchema, RepoIdSchema } from './hub.contract';

export const DownloadStateSchema = z.enum(['queued', 'downloading', 'paused', 'verifying', 'retrying', 'done', 'failed', 'cancelled']);
export type DownloadState = z.infer<typeof DownloadStateSchema>;

/** Why a download stopped; each code has a translated explanation (`downloads.error.<code>`). */
export const DownloadErrorCodeSchema = z.enum([
  'HASH_MISMATCH',
  'SIZE_MISMATCH',
  'NOT_A_GGUF',
  'DISK_FULL',
  'NETWORK',
  'HTTP',
  'UNAUTHORIZED',
  'EXISTS',
  'BAD_PATH',
  'WRITE_FAILED',
]);
export type DownloadErrorCode = z.infer<typeof DownloadErrorCodeSchema>;

export const DownloadFileSchema = z.object({
  /** Path inside the repository. */
  path: z.string(),
  sizeBytes: z.number().nonnegative(),
  sha256: z.string().nullable(),
  receivedBytes: z.number().nonnegative(),
  done: z.boolean(),
});
export type DownloadFile = z.infer<typeof DownloadFileSchema>;

export const DownloadSchema = z.object({
  id: z.string(),
  repoId: z.string(),
  revision: z.string(),
  /** The file the user chose; for a split model, its first part. */
  primaryPath: z.string(),
  files: z.array(DownloadFileSchema),
  state: DownloadStateSchema,
  totalBytes: z.number().nonnegative(),
  receivedBytes: z.number().nonnegative(),
  /** Measured over the last few seconds; 0 when not moving. */
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** Failed attempts of the current file since it last made progress. */
  attempts: z.number().int().nonnegative(),
  /** When the next retry starts (epoch ms), while retrying. */
  retryAt: z.number().nullable(),
  error: z.object({ code: DownloadErrorCodeSchema, detail: z.string() }).nullable(),
  /** Where the finished primary file lies, once done. */
  destination: z.string(),
  /** Where a file that failed verification was moved (outside the model folders). */
  quarantinedPath: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type Download = z.infer<typeof DownloadSchema>;

const base = oc.errors(appErrors);
const IdInput = z.object({ id: z.string().max(64) });

export const downloadsContract = {
  list: base.output(z.array(DownloadSchema)),
  /** The queue now and after every change (progress is sent at most a few times a second). */
  onDidChange: base.output(eventIterator(z.array(DownloadSchema))),
  /** Queues a Hub file (all parts of a split file) into `<models>/<publisher>/<repo>/`. */
  start: base.input(z.object({ repoId: RepoIdSchema, path: RepoFilePathSchema })).output(DownloadSchema),
  pause: base.input(IdInput).output(z.void()),
  /** Resumes a paused or failed download from the bytes already received. */
  resume: base.input(IdInput).output(z.void()),
  /** Stops and deletes the partial data. */
  cancel: base.input(IdInput).output(z.void()),
  /** Removes a finished, failed or cancelled entry from the list (the model file stays). */
  remove: base.input(IdInput).output(z.void()),
};
