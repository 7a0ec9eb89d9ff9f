import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

export const HistoryExportEventSchema = z.discriminatedUnion('type', [
  /** The next piece of the file (JSON Lines), in order; `done` of `total` conversations written so far. */
  z.object({ type: z.literal('chunk'), text: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('end'), conversations: z.number().int(), messages: z.number().int() }),
]);
export type HistoryExportEvent = z.infer<typeof HistoryExportEventSchema>;

export const HistoryImportReportSchema = z.object({
  /** Conversations and messages added. */
  conversations: z.number().int(),
  messages: z.number().int(),
  /** Conversations already here (same id): left as they are, so importing twice changes nothing. */
  duplicates: z.number().int(),
});
export type HistoryImportReport = z.infer<typeof HistoryImportReportSchema>;

const ImportId = z.string().min(1).max(64);
/** Pieces of at most 4 MiB of text: a large file goes over in many calls, never as one string. */
export const HISTORY_IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;

const base = oc.errors(appErrors);

export const historyContract = {
  /** Every chat conversation with its whole message tree, streamed as JSON Lines (`caliper.history` v1). */
  export: base.output(eventIterator(HistoryExportEventSchema)),
  /**
   * Imports a history file piece by piece, in order: the first call passes `importId: null` and
   * gets one; `last: true` finishes. Conversations are written as their lines complete.
   */
  importChunk: base
    .input(
      z
        .object({ importId: ImportId.nullable(), text: z.string().max(HISTORY_IMPORT_CHUNK_CHARS), last: z.boolean() })
        .strict(),
    )
    .output(z.object({ importId: ImportId, report: HistoryImportReportSchema, finished: z.boolean() })),
  importCancel: base.input(z.object({ importId: ImportId }).strict()).output(z.void()),
};
