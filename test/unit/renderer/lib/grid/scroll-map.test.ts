import { describe, expect, it } from 'vitest';
import {
  indexAt,
  isScaled,
  MAX_SCROLL_PX,
  rowOffset,
  scrollTopFor,
  spacerHeight,
  topRowAt,
} from '../../../../../src-renderer/lib/grid/scroll-map';

describe('scroll mapping', () => {
  const small = { rows: 4059, rowHeight: 24, viewport: 600 };
  const million = { rows: 1_000_000, rowHeight: 24, viewport: 600 };

  it('maps scrollTop to rows one to one while the spacer fits the browser limit', () => {
    expect(isScaled(small)).toBe(false);
    expect(spacerHeight(small)).toBe(4059 * 24);
    expect(topRowAt(2400, small)).toBe(100);
    expect(rowOffset(100, 2400, small)).toBe(2400);
    expect(scrollTopFor(100, small)).toBe(2400);
  });

  it('caps the spacer for a million rows and still reaches the last row at the bottom', () => {
    expect(isScaled(million)).toBe(true);
    expect(spacerHeight(million)).toBe(MAX_SCROLL_PX);
    const maxScroll = MAX_SCROLL_PX - 600;
    expect(topRowAt(0, million)).toBe(0);
    // 600 px of viewport hold 25 rows, so the last top row is 999,975.
    expect(topRowAt(maxScroll, million)).toBe(999_975);
    // The last row's bottom edge is at the viewport's bottom edge.
    expect(rowOffset(999_999, maxScroll, million) + 24).toBeCloseTo(maxScroll + 600, 6);
    expect(topRowAt(maxScroll / 2, million)).toBeCloseTo(499_987.5, 6);
  });

  it('inverts topRowAt with scrollTopFor', () => {
    for (const row of [0, 1, 12_345, 500_000, 999_975]) {
      expect(topRowAt(scrollTopFor(row, million), million)).toBeCloseTo(row, 6);
    }
  });

  it('lays consecutive rows one row height apart when scaled', () => {
    const s = 1_234_567;
    expect(rowOffset(51_001, s, million) - rowOffset(51_000, s, million)).toBeCloseTo(24, 9);
  });

  it('finds the column under an x position by binary search', () => {
    const offsets = new Float64Array([0, 100, 250, 300]);
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 99.9)).toBe(0);
    expect(indexAt(offsets, 100)).toBe(1);
    expect(indexAt(offsets, 299)).toBe(2);
    expect(indexAt(offsets, 10_000)).toBe(2);
  });
});
