/**
 * Numbers as people read them: a unit, and as many digits as carry meaning (58.3 MB, 1.2 GB,
 * 7.2 B). Digits and separators follow the chosen locale through Intl; unit symbols are the
 * international ones, which both English and Chinese software use.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** Three significant digits at most, never fewer than the integer part: 1.2, 58.3, 312. */
function scaled(value: number, units: readonly string[], base: number, locale: string): string {
  let index = 0;
  let scaledValue = value;
  while (index < units.length - 1 && Math.abs(scaledValue) >= base) {
    scaledValue /= base;
    index++;
  }
  let digits = index === 0 ? 0 : Math.abs(scaledValue) < 100 ? 1 : 0;
  // 999.96 MB rounds to "1000.0 MB": move up a unit instead.
  if (index < units.length - 1 && Number(scaledValue.toFixed(digits)) >= base) {
    scaledValue /= base;
    index++;
    digits = 1;
  }
  return `${numberFormat(locale, digits).format(scaledValue)} ${units[index]}`;
}

const decimalBytes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;
const binaryBytes = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** File sizes in decimal units, as download pages and model hubs print them: 58.3 MB, 4.1 GB. */
export function formatBytes(bytes: number, locale: string): string {
  return scaled(bytes, decimalBytes, 1000, locale);
}

/** Memory in binary units, the way the hardware is sold and the OS counts it: 15.6 GiB. */
export function formatMemory(bytes: number, locale: string): string {
  return scaled(bytes, binaryBytes, 1024, locale);
}

const countSuffixes = ['', 'K', 'M', 'B', 'T'] as const;

/** Parameter counts the way model names carry them: 52.7 K, 1.3 M, 7.2 B. */
export function formatParameters(count: number, locale: string): string {
  return scaled(count, countSuffixes, 1000, locale).trimEnd();
}

/** Integers with the locale's grouping: 131,072. */
export function formatInteger(value: number, locale: string): string {
  return numberFormat(locale, 0).format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs far more than using one: keep one per locale and style. */
function dateFormat(locale: string, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${name}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(epochMs: number, locale: string): string {
  return dateFormat(locale, 'dateTime', { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatTime(epochMs: number, locale: string): string {
  return dateFormat(locale, 'time', { timeStyle: 'short' }).format(epochMs);
}

/** Durations with the unit people expect at that size: 312 ms, 1.24 s, 12.3 s, 2 min 5 s. */
export function formatDuration(ms: number, locale: string): string {
  if (ms < 1000) return `${numberFormat(locale, 0).format(Math.max(0, Math.round(ms)))} ms`;
  const seconds = ms / 1000;
  if (seconds < 9.995) return `${numberFormat(locale, 2).format(seconds)} s`;
  if (seconds < 99.95) return `${numberFormat(locale, 1).format(seconds)} s`;
  const whole = Math.round(seconds);
  return `${numberFormat(locale, 0).format(Math.floor(whole / 60))} min ${numberFormat(locale, 0).format(whole % 60)} s`;
}

/** Throughput in tokens per second: 14.2 tok/s; from 1000 on, whole numbers (1,204 tok/s). */
export function formatTokenRate(perSecond: number, locale: string): string {
  const digits = perSecond < 999.95 ? 1 : 0;
  return `${numberFormat(locale, digits).format(perSecond)} tok/s`;
}

/** A list's "when": the time for today, a short date this year, the full short date before. */
export function formatWhen(epochMs: number, locale: string, now: number = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return formatTime(epochMs, locale);
  if (date.getFullYear() === today.getFullYear()) {
    return dateFormat(locale, 'monthDay', { month: 'short', day: 'numeric' }).format(epochMs);
  }
  return dateFormat(locale, 'shortDate', { dateStyle: 'short' }).format(epochMs);
}
