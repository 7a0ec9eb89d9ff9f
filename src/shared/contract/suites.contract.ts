import { oc, eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { GenerationStatsSchema } from './chat.contract';
import { PaneConfigSchema } from './compare.contract';
import { ModelRefSchema } from './modelRef';
import { appErrors, StoredErrorSchema } from './errors';

/** A named set of prompts, run across chosen models as one batch. */
export const SuiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  prompts: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Suite = z.infer<typeof SuiteSchema>;

export const SuiteRunStatusSchema = z.enum(['queued', 'running', 'cancelled', 'done']);
export type SuiteRunStatus = z.infer<typeof SuiteRunStatusSchema>;

export const SuiteRunSummarySchema = z.object({
  id: z.string(),
  suiteId: z.string(),
  name: z.string(),
  status: SuiteRunStatusSchema,
  /** prompts × models; every cell exists from the start. */
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  models: z.array(ModelRefSchema),
  warmUp: z.boolean(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type SuiteRunSummary = z.infer<typeof SuiteRunSummarySchema>;

export const SuiteCellSchema = z.object({
  promptIndex: z.number().int(),
  modelIndex: z.number().int(),
  status: z.enum(['pending', 'done', 'error']),
  output: z.string(),
  error: StoredErrorSchema.nullable(),
  stats: GenerationStatsSchema.nullable(),
  peakRssBytes: z.number().nullable(),
  settingsHash: z.string().nullable(),
  finishedAt: z.number().nullable(),
});
export type SuiteCell = z.infer<typeof SuiteCellSchema>;

export const SuiteRunSchema = SuiteRunSummarySchema.extend({
  prompts: z.array(z.string()),
  configs: z.array(PaneConfigSchema),
  cells: z.array(SuiteCellSchema),
});
export type SuiteRun = z.infer<typeof SuiteRunSchema>;

export const SuiteExportFormatSchema = z.enum(['markdown', 'csv', 'json']);
export type SuiteExportFormat = z.infer<typeof SuiteExportFormatSchema>;

const Id = z.string().min(1).max(64);
const base = oc.errors(appErrors);

export const suitesContract = {
  list: base.output(z.array(SuiteSchema)),
  save: base
    .input(
      z
        .object({
          id: Id.optional(),
          name: z.string().trim().min(1).max(200),
          prompts: z.array(z.string().trim().min(1).max(20_000)).min(1).max(200),
        })
        .strict(),
    )
    .output(SuiteSchema),
  delete: base.input(z.object({ id: Id })).output(z.void()),
  runs: base.output(z.array(SuiteRunSummarySchema)),
  /** Queues a run of every prompt against every model (each model loaded in turn, one at a time). */
  start: base
    .input(
      z
        .object({
          suiteId: Id,
          models: z.array(PaneConfigSchema.refine((c) => c.model !== null, 'Choose a model')).min(1).max(8),
          warmUp: z.boolean().default(false),
        })
        .strict(),
    )
    .output(SuiteRunSummarySchema),
  cancel: base.input(z.object({ runId: Id })).output(SuiteRunSummarySchema),
  /** Queues a cancelled run again; only its missing cells are run. */
  resume: base.input(z.object({ runId: Id })).output(SuiteRunSummarySchema),
  get: base.input(z.object({ runId: Id })).output(SuiteRunSchema),
  deleteRun: base.input(z.object({ runId: Id })).output(z.void()),
  export: base
    .input(z.object({ runId: Id, format: SuiteExportFormatSchema }))
    .output(z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })),
  /** Every run's progress now and after each change. */
  onDidChange: base.output(eventIterator(z.array(SuiteRunSummarySchema))),
};
