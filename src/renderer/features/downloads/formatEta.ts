import { formatInteger } from '../../../shared/format';

/**
 * Time left as people read a download's ETA: whole seconds, then minutes and seconds, then hours
 * and minutes. A measured rate jitters, so tenths of a second would only flicker.
 */
export function formatEta(seconds: number, locale: string): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const n = (value: number) => formatInteger(value, locale);
  if (whole < 60) return `${n(whole)} s`;
  if (whole < 3600) return `${n(Math.floor(whole / 60))} min ${n(whole % 60)} s`;
  return `${n(Math.floor(whole / 3600))} h ${n(Math.floor((whole % 3600) / 60))} min`;
}
