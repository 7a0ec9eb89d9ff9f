/** Pure geometry for `Chart`: the plot area, scales from data to pixels, and round tick values. */

/** The SVG's size and the margins around the plot area (axis labels and titles live there). */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export type ScaleKind = 'linear' | 'log2';

export interface Scale {
  (value: number): number;
  /** The data range the pixels cover. */
  domain: readonly [number, number];
}

/**
 * Maps `domain` onto the pixel range `[from, to]` (to < from for a y axis, which grows upwards).
 * `log2` spaces doublings evenly (512, 1K, 2K…). A domain of one value maps to the middle, so a
 * single point is drawn in the centre instead of at an edge.
 */
export function scale(kind: ScaleKind, domain: readonly [number, number], from: number, to: number): Scale {
  const f = kind === 'log2' ? (v: number) => Math.log2(Math.max(v, Number.MIN_VALUE)) : (v: number) => v;
  const lo = f(domain[0]);
  const span = f(domain[1]) - lo;
  const map = (value: number) => (span > 0 ? from + ((f(value) - lo) / span) * (to - from) : (from + to) / 2);
  return Object.assign(map, { domain });
}

/** The smallest and largest of the known values; [0, 0] when there are none. */
export function extent(values: Iterable<number | null>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}

function ticksWith(max: number, count: number, base: number, steps: readonly number[]): number[] {
  if (!(max > 0)) return [0];
  const unit = base ** Math.floor(Math.log(max / count) / Math.log(base));
  // The finest round step that reaches `max` in at most count + 1 intervals: no wasted space on top.
  const step = (steps.find((s) => Math.ceil(max / (s * unit)) <= count + 1) ?? steps.at(-1)!) * unit;
  const ticks: number[] = [];
  // Multiples rather than repeated addition, so 0.1 steps do not drift to 0.30000000000000004.
  for (let i = 0; ; i++) {
    const v = Number((i * step).toPrecision(12));
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

/**
 * Round ticks from 0 up to at least `max`: steps of 1, 2, 2.5 or 5 × 10^k, `count` or `count + 1`
 * intervals. The last tick is the top of the axis.
 */
export function niceTicks(max: number, count = 4): number[] {
  return ticksWith(max, count, 10, [1, 2, 2.5, 5, 10]);
}

/** Like `niceTicks` for bytes: steps that read well in KiB/MiB/GiB (1, 2, 4, 5, 8, 16 … 1024 × 1024^k). */
export function byteTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const base = 1024 ** Math.max(0, Math.floor(Math.log(raw) / Math.log(1024)));
  const steps = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 100, 128, 200, 256, 500, 512, 1000, 1024];
  const step = steps.find((s) => s * base >= raw)! * base;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    ticks.push(i * step);
    if (i * step >= max) break;
  }
  return ticks;
}

/** Indices of the labels to draw at these positions, skipping any that would overlap the previous one. */
export function visibleLabels(positions: readonly number[], minGap: number): number[] {
  const shown: number[] = [];
  let lastX = -Infinity;
  positions.forEach((x, i) => {
    // The last label (the largest value, often the one that matters) may replace its neighbour.
    if (i === positions.length - 1 && x - lastX < minGap && shown.length > 1) shown.pop();
    if (x - lastX >= minGap || i === positions.length - 1) {
      shown.push(i);
      lastX = x;
    }
  });
  return shown;
}
