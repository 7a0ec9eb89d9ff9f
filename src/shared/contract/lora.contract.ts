import { oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrors } from './errors';

/** Why an adapter does not fit a model; translated as `lora.reason.<code>`. */
export const AdapterMismatchSchema = z.enum(['NOT_AN_ADAPTER', 'ARCHITECTURE', 'MISSING_TENSOR', 'SHAPE', 'UNREADABLE']);
export type AdapterMismatch = z.infer<typeof AdapterMismatchSchema>;

export const AdapterMatchSchema = z.object({
  path: z.string(),
  name: z.string().nullable(),
  architecture: z.string(),
  compatible: z.boolean(),
  reason: AdapterMismatchSchema.nullable(),
  /** Untranslated detail: the tensor and shapes that disagree. */
  detail: z.string(),
});
export type AdapterMatch = z.infer<typeof AdapterMatchSchema>;

const base = oc.errors(appErrors);

export const loraContract = {
  /** Every LoRA adapter in the library, checked against this model (architecture and tensor shapes). */
  forModel: base.input(z.object({ path: z.string().min(1).max(4096) })).output(z.array(AdapterMatchSchema)),
};
