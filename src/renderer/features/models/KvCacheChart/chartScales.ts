/** Pure geometry for the KV-cache chart: log-2 context axis, linear byte axis with round ticks. */

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Context sizes double, so a log-2 axis spaces 512, 1K, 2K … evenly. */
export function xScale(contextSizes: readonly number[], frame: Frame): (n: number) => number {
  const lo = Math.log2(contextSizes[0] ?? 1);
  const hi = Math.log2(contextSizes.at(-1) ?? 2);
  const span = hi - lo || 1;
  const width = frame.width - frame.left - frame.right;
  return (n) => frame.left + ((Math.log2(n) - lo) / span) * (contextSizes.length > 1 ? width : 0);
}

/** A 1/2/5 × 2^k or 10^k step: whichever makes about `count` ticks up to at least `max` bytes. */
export function byteTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const base = 1024 ** Math.max(0, Math.floor(Math.log(raw) / Math.log(1024)));
  const inUnit = raw / base;
  const step = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 100, 128, 200, 256, 500, 512, 1000, 1024].find((s) => s >= inUnit)! * base;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

export function yScale(top: number, frame: Frame): (bytes: number) => number {
  const height = frame.height - frame.top - frame.bottom;
  return (bytes) => frame.top + height - (top > 0 ? (bytes / top) * height : 0);
}

/** 512, 1K, 2K, 2.3K, 128K, 1M: short enough to fit under a tick. */
export function contextLabel(n: number, locale: string): string {
  const format = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  if (n >= 1024 * 1024) return `${format(n / (1024 * 1024))}M`;
  if (n >= 1024) return `${format(n / 1024)}K`;
  return format(n);
}

/** Indices of the labels to draw, skipping any that would overlap the previous one. */
export function visibleLabels(positions: readonly number[], minGap: number): number[] {
  const shown: number[] = [];
  let lastX = -Infinity;
  positions.forEach((x, i) => {
    // The last label (the trained context) matters most: it may replace its neighbour.
    if (i === positions.length - 1 && x - lastX < minGap && shown.length > 1) shown.pop();
    if (x - lastX >= minGap || i === positions.length - 1) {
      shown.push(i);
      lastX = x;
    }
  });
  return shown;
}
