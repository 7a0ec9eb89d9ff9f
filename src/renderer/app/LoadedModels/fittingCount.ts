/** A chip not measured yet (not on screen so far) is assumed this wide. */
export const ESTIMATED_CHIP = 200;

/**
 * How many chips of these widths fit in `room` pixels, `gap` apart, keeping `more` pixels for
 * a "+N" button whenever some do not fit. Unmeasured chips (null) count as the widest measured
 * one, or ESTIMATED_CHIP.
 */
export function fittingCount(widths: ReadonlyArray<number | null>, room: number, gap: number, more: number): number {
  const known = widths.filter((w): w is number => w !== null);
  const guess = known.length > 0 ? Math.max(...known) : ESTIMATED_CHIP;
  const sizes = widths.map((w) => w ?? guess);
  const total = sizes.reduce((sum, w, i) => sum + w + (i > 0 ? gap : 0), 0);
  if (total <= room) return sizes.length;
  let used = more;
  let count = 0;
  for (const w of sizes) {
    const next = used + gap + w;
    if (next > room) break;
    used = next;
    count++;
  }
  return count;
}
