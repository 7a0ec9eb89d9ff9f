import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

export const StorageInfoSchema = z.object({
  /** The database file and its write-ahead log. */
  databaseBytes: z.number().nonnegative(),
  /** Free pages inside the file: what compacting gives back. */
  reclaimableBytes: z.number().nonnegative(),
  conversations: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  compacting: z.boolean(),
});
export type StorageInfo = z.infer<typeof StorageInfoSchema>;

export const CompactStepSchema = z.enum(['index', 'vacuum', 'checkpoint']);
export type CompactStep = z.infer<typeof CompactStepSchema>;

export const CompactEventSchema = z.discriminatedUnion('type', [
  /** A step starts; the host is busy with it until the next event. */
  z.object({ type: z.literal('step'), step: CompactStepSchema, index: z.number().int(), count: z.number().int() }),
  z.object({ type: z.literal('done'), beforeBytes: z.number(), afterBytes: z.number() }),
]);
export type CompactEvent = z.infer<typeof CompactEventSchema>;

const base = oc.errors(appErrors);

export const storageContract = {
  info: base.output(StorageInfoSchema),
  /**
   * Rewrites the database without its free pages (VACUUM) after merging the search indexes.
   * Needs free disk space about twice the data; refused while an answer is being written.
   */
  compact: base.output(eventIterator(CompactEventSchema)),
};
