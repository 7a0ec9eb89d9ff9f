import { GenerationStatsSchema, type GenerationStats } from '../../shared/contract';

/** Generation stats as stored in a TEXT column: null when absent or written by an older shape. */
export function storedStats(text: string | null): GenerationStats | null {
  if (!text) return null;
  const parsed = GenerationStatsSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}
