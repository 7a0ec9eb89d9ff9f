import { z } from 'zod';

/** What Caliper reads of the Hub's JSON, parsed leniently: unknown fields are ignored, odd ones defaulted. */

const count = z.number().int().nonnegative().catch(0);
const date = z
  .string()
  .nullish()
  .transform((s) => (s ? Date.parse(s) : NaN))
  .transform((n) => (Number.isFinite(n) ? n : null))
  .catch(null);
const tags = z.array(z.string().max(200)).max(500).catch([]);
const gated = z.union([z.boolean(), z.string()]).nullish().transform((g) => Boolean(g)).catch(false);

export const HubSearchEntrySchema = z.object({
  id: z.string().max(200),
  downloads: count.default(0),
  likes: count.default(0),
  lastModified: date,
  tags: tags.default([]),
  pipeline_tag: z.string().max(100).nullish().catch(null),
  gated,
});

export const HubModelInfoSchema = HubSearchEntrySchema.extend({
  sha: z.string().max(100).nullish().catch(null),
  cardData: z
    .object({
      license: z.union([z.string(), z.array(z.string())]).nullish().catch(null),
      license_name: z.string().nullish().catch(null),
      base_model: z.union([z.string(), z.array(z.string())]).nullish().catch(null),
    })
    .partial()
    .nullish()
    .catch(null),
});
export type HubModelInfo = z.infer<typeof HubModelInfoSchema>;

export const HubTreeEntrySchema = z.object({
  type: z.string(),
  path: z.string().max(1000),
  size: z.number().nonnegative().catch(0),
  lfs: z.object({ oid: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().nonnegative() }).nullish().catch(null),
});
export type HubTreeEntry = z.infer<typeof HubTreeEntrySchema>;
