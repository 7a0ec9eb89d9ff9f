import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';
import { ModelDetailsSchema } from './modelDetails';

export * from './modelDetails';

/** Why a `.gguf` file could not be read; each code has a translated explanation. */
export const GgufProblemCodeSchema = z.enum([
  'BAD_MAGIC',
  'UNSUPPORTED_VERSION',
  'TRUNCATED',
  'COUNT_EXCEEDS_FILE',
  'STRING_TOO_LONG',
  'BAD_VALUE_TYPE',
  'UNKNOWN_TENSOR_TYPE',
  'BAD_TENSOR_SHAPE',
  'TENSOR_OUT_OF_BOUNDS',
  'MISSING_ARCHITECTURE',
  'READ_FAILED',
  'READ_TIMEOUT',
  'HEADER_TOO_COMPLEX',
  'SPLIT_PARTS_MISSING',
]);
export type GgufProblemCode = z.infer<typeof GgufProblemCodeSchema>;

export const GgufProblemSchema = z.object({
  code: GgufProblemCodeSchema,
  /** Untranslated technical detail (offsets, counts) shown under the translated reason. */
  detail: z.string().max(500),
});
export type GgufProblem = z.infer<typeof GgufProblemSchema>;

export const GgufFactsSchema = z.object({
  ggufVersion: z.number().int(),
  architecture: z.string(),
  name: z.string().nullable(),
  parameterCount: z.number().int().nonnegative(),
  /** llama_ftype label such as `Q4_K_M`, or the dominant tensor type when the key is absent. */
  fileType: z.string(),
  contextLength: z.number().int().nullable(),
  embeddingLength: z.number().int().nullable(),
  blockCount: z.number().int().nullable(),
  feedForwardLength: z.number().int().nullable(),
  headCount: z.number().int().nullable(),
  headCountKv: z.number().int().nullable(),
  expertCount: z.number().int().nullable(),
  expertUsedCount: z.number().int().nullable(),
  slidingWindow: z.number().int().nullable(),
  vocabSize: z.number().int().nullable(),
  tensorCount: z.number().int(),
  hasChatTemplate: z.boolean(),
  /** `model` for a model, `adapter` for a LoRA adapter (general.type). */
  kind: z.enum(['model', 'adapter']),
});
export type GgufFacts = z.infer<typeof GgufFactsSchema>;

export const ModelFileSchema = z.object({
  id: z.string(),
  path: z.string(),
  folder: z.string(),
  relativePath: z.string(),
  sizeBytes: z.number().nonnegative(),
  modifiedAt: z.number(),
  facts: GgufFactsSchema.nullable(),
  problem: GgufProblemSchema.nullable(),
  /** Hex SHA-256 of the content, computed in the background; null until known. */
  sha256: z.string().nullable(),
  /** A name to show instead of `relativePath` (an Ollama blob: `llama3:8b`); null for plain files. */
  displayName: z.string().nullable(),
  /** For a split GGUF: how many parts (its later parts are folded into this entry). */
  splitParts: z.number().int().min(2).optional(),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export const FolderStatusSchema = z.object({
  path: z.string(),
  status: z.enum(['ok', 'missing', 'unreadable', 'not_a_folder']),
  fileCount: z.number().int(),
  /** Sub-folders that could not be read; the rest of the folder is still listed. */
  unreadableSubfolders: z.array(z.string()),
});
export type FolderStatus = z.infer<typeof FolderStatusSchema>;

export const LibrarySnapshotSchema = z.object({
  files: z.array(ModelFileSchema),
  folders: z.array(FolderStatusSchema),
  scannedAt: z.number(),
});
export type LibrarySnapshot = z.infer<typeof LibrarySnapshotSchema>;

export const ScanEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int(), total: z.number().int(), current: z.string() }),
  z.object({ type: z.literal('done'), snapshot: LibrarySnapshotSchema }),
]);
export type ScanEvent = z.infer<typeof ScanEventSchema>;

/** Local-LLM apps whose model folders Caliper can use in place. */
export const OtherAppSchema = z.enum(['lmstudio', 'ollama', 'jan']);
export type OtherApp = z.infer<typeof OtherAppSchema>;

/** Another app's model folder found on this machine, offered to the user (never added silently). */
export const SuggestedFolderSchema = z.object({ app: OtherAppSchema, path: z.string() });
export type SuggestedFolder = z.infer<typeof SuggestedFolderSchema>;

/** A `.gguf` file the operating system asked Caliper to open (file association, command line). */
export const OpenRequestSchema = z.object({ path: z.string() });
export type OpenRequest = z.infer<typeof OpenRequestSchema>;

const base = oc.errors(appErrors);

export const libraryContract = {
  /** Scans every model folder (cached headers are reused) and returns what is there. */
  list: base.output(LibrarySnapshotSchema),
  /** Same scan with progress; cancel by aborting the call. */
  scan: base.output(eventIterator(ScanEventSchema)),
  /** Deletes a `.gguf` file inside a model folder, for good. Refused while the model is loaded. */
  delete: base.input(z.object({ path: z.string().min(1).max(4096) })).output(z.void()),
  /** Chat templates, tokenizer, license, every metadata key and the KV-cache chart of one file. */
  inspect: base.input(z.object({ path: z.string().min(1).max(4096) })).output(ModelDetailsSchema),
  /**
   * The library after every change: a file added, removed or renamed in a model folder (watched),
   * a finished scan, a hash computed. The last snapshot first, when there is one.
   */
  onDidChange: base.output(eventIterator(LibrarySnapshotSchema)),
  /** Model folders of LM Studio, Ollama and Jan found here, not scanned yet and not declined. */
  suggestedFolders: base.output(z.array(SuggestedFolderSchema)),
  /** "Not now": the folder is not offered again. Adding one goes through `settings.update`. */
  dismissSuggestedFolder: base.input(z.object({ path: z.string().min(1).max(4096) })).output(z.void()),
  /** Files to show in the inspector: those waiting for a window first, then each new one. */
  onOpenRequest: base.output(eventIterator(OpenRequestSchema)),
};
