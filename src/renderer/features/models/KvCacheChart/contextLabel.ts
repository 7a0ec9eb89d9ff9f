/** 512, 1K, 2K, 2.3K, 128K, 1M: short enough to fit under a tick of the context axis. */
export function contextLabel(n: number, locale: string): string {
  const format = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  if (n >= 1024 * 1024) return `${format(n / (1024 * 1024))}M`;
  if (n >= 1024) return `${format(n / 1024)}K`;
  return format(n);
}
