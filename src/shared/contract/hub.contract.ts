import { oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { FitSchema } from './engine.contract';
import { GgufFactsSchema } from './library.contract';

/** `owner/name` as the Hub spells repositories; nothing that could become a path component trick. */
export const RepoIdSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/, 'Not a Hub repository id (owner/name)')
  .refine((id) => !id.split('/').some((part) => part === '.' || part === '..' || part.endsWith('.')), 'Not a Hub repository id');

/** A file path inside a repository, as the Hub lists it; checked again before it becomes a local path. */
export const RepoFilePathSchema = z.string().min(1).max(1000);

export const HubSortSchema = z.enum(['downloads', 'likes', 'lastModified']);
export type HubSort = z.infer<typeof HubSortSchema>;

export const HubModelSummarySchema = z.object({
  id: z.string(),
  author: z.string(),
  downloads: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  /** Epoch ms; null when the Hub did not say. */
  lastModified: z.number().nullable(),
  pipelineTag: z.string().nullable(),
  tags: z.array(z.string()),
  gated: z.boolean(),
});
export type HubModelSummary = z.infer<typeof HubModelSummarySchema>;

export const HubSplitSchema = z.object({ part: z.number().int().min(1), total: z.number().int().min(2) });

export const HubFileSchema = z.object({
  /** Path inside the repository, e.g. `Q4_K_M/model-00001-of-00002.gguf`. */
  path: z.string(),
  sizeBytes: z.number().nonnegative(),
  /** The LFS object id: the sha256 of the content. Null for files not stored in LFS. */
  sha256: z.string().nullable(),
  /** Quantization read from the file name (`Q4_K_M`, `F16`…), or null. */
  quantization: z.string().nullable(),
  split: HubSplitSchema.nullable(),
});
export type HubFile = z.infer<typeof HubFileSchema>;

/** One downloadable model: a single file, or all parts of a split GGUF together. */
export const HubFileGroupSchema = z.object({
  /** The file a download or fit check names (the first part for split files). */
  primaryPath: z.string(),
  quantization: z.string().nullable(),
  totalBytes: z.number().nonnegative(),
  files: z.array(HubFileSchema),
});
export type HubFileGroup = z.infer<typeof HubFileGroupSchema>;

export const HubModelDetailsSchema = HubModelSummarySchema.extend({
  /** The commit the listing was read at; downloads pin it so every part comes from one revision. */
  sha: z.string().nullable(),
  license: z.string().nullable(),
  /** Plain text from the model card (front matter and markup removed), a few paragraphs at most. */
  summary: z.string(),
  baseModels: z.array(z.string()),
  groups: z.array(HubFileGroupSchema),
});
export type HubModelDetails = z.infer<typeof HubModelDetailsSchema>;

export const HubStatusSchema = z.object({
  endpoint: z.string(),
  /** Whether the endpoint comes from the setting, the HF_ENDPOINT environment variable or the default. */
  endpointSource: z.enum(['setting', 'environment', 'default']),
  hasToken: z.boolean(),
});
export type HubStatus = z.infer<typeof HubStatusSchema>;

export const RemoteFitSchema = z.object({
  fit: FitSchema,
  facts: GgufFactsSchema,
  /** Bytes fetched with range requests to read the header(s). */
  headerBytesRead: z.number().int().nonnegative(),
});
export type RemoteFit = z.infer<typeof RemoteFitSchema>;

const base = oc.errors(appErrors);
const FileRefSchema = z.object({ repoId: RepoIdSchema, path: RepoFilePathSchema, revision: z.string().max(100).optional() });

export const hubContract = {
  status: base.output(HubStatusSchema),
  /** The access token is stored locally and sent only to the configured endpoint; null forgets it. */
  setToken: base.input(z.object({ token: z.string().max(500).nullable() })).output(HubStatusSchema),
  /** GGUF models only. */
  search: base
    .input(z.object({ query: z.string().max(200), sort: HubSortSchema.default('downloads'), limit: z.number().int().min(1).max(100).default(30) }))
    .output(z.array(HubModelSummarySchema)),
  model: base.input(z.object({ repoId: RepoIdSchema })).output(HubModelDetailsSchema),
  /** Will this remote file run here? Reads only its header (and its other parts' headers) with range requests. */
  fit: base.input(FileRefSchema.extend({ contextSize: z.number().int().min(128).max(1_048_576).optional() })).output(RemoteFitSchema),
};
