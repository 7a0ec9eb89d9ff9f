import { z } from 'zod';

type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]> };

/**
 * A patch of `schema`: every field optional and without its default. zod 4's `.partial()` keeps
 * field defaults, so a "partial" update of one field would reset every other field to its default.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<PatchShape<T>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional()]),
  );
  return z.object(shape).strict() as unknown as z.ZodObject<PatchShape<T>>;
}
