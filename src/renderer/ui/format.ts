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

export function formatDateTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(epochMs);
}
