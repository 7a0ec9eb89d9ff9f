import { describe, expect, it } from 'vitest';
import { ESTIMATED_CHIP, fittingCount } from './fittingCount';

describe('fittingCount', () => {
  it('shows every chip when all fit, with no room kept for "+N"', () => {
    expect(fittingCount([100, 100, 100], 316, 8, 60)).toBe(3);
  });

  it('keeps room for "+N" once some do not fit', () => {
    // 60 + 8 + 100 + 8 + 100 = 276 ≤ 300; a third would need 384.
    expect(fittingCount([100, 100, 100, 100], 300, 8, 60)).toBe(2);
    expect(fittingCount([100, 100], 100, 8, 60)).toBe(0);
  });

  it('counts chips not yet measured as the widest measured one', () => {
    expect(fittingCount([150, null, null], 400, 8, 60)).toBe(2);
    expect(fittingCount([150, null, null], 470, 8, 60)).toBe(3);
    expect(fittingCount([null, null], 2 * ESTIMATED_CHIP + 8, 8, 60)).toBe(2);
  });
});
