import { CorsOriginSchema } from '../../../../shared/contract';

/**
 * What the user typed as an origin, as the setting stores it: trimmed, and without the trailing
 * slash browsers show after a bare origin (`http://localhost:3000/`). Null when it is not an origin.
 */
export function normalizeOrigin(input: string): string | null {
  const value = input.trim().replace(/\/$/, '');
  return CorsOriginSchema.safeParse(value).success ? value : null;
}

/** A key name the API accepts: 1–80 characters after trimming, not starting with `@` (reserved). */
export function isValidKeyName(input: string): boolean {
  const name = input.trim();
  return name.length >= 1 && name.length <= 80 && !name.startsWith('@');
}

/** A whole number within the bounds, from a NumberInput's value (a number, or text while typing). */
export function wholeNumberIn(value: string | number, min: number, max: number): number | null {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}
