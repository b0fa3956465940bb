/**
 * Browsers cap an element's height (about 33.5 million px in Chromium, less in
 * Firefox), and 1,000,000 rows × 24 px is 24 million. Past a safe height the
 * grid's spacer stops growing and scroll position maps linearly onto rows, so
 * the top of the scrollbar is row 1 and the bottom is the last row.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  rows: number;
  rowHeight: number;
  /** Height of the area rows are drawn in (the scroll box minus its sticky header). */
  viewport: number;
  /** Override for tests; defaults to MAX_SCROLL_PX. */
  maxScrollPx?: number;
}

export function spacerHeight(g: ScrollGeometry): number {
  return Math.min(g.rows * g.rowHeight, g.maxScrollPx ?? MAX_SCROLL_PX);
}

export function isScaled(g: ScrollGeometry): boolean {
  return g.rows * g.rowHeight > (g.maxScrollPx ?? MAX_SCROLL_PX);
}

/** The (fractional) row index at the top of the viewport for a given scrollTop. */
export function topRowAt(scrollTop: number, g: ScrollGeometry): number {
  if (!isScaled(g)) return Math.max(0, scrollTop) / g.rowHeight;
  const maxScroll = spacerHeight(g) - g.viewport;
  const maxTop = Math.max(0, g.rows - g.viewport / g.rowHeight);
  if (maxScroll <= 0) return 0;
  return (Math.min(Math.max(scrollTop, 0), maxScroll) / maxScroll) * maxTop;
}

/** The scrollTop that puts `row` (fractional) at the top of the viewport; inverse of topRowAt. */
export function scrollTopFor(row: number, g: ScrollGeometry): number {
  if (!isScaled(g)) return row * g.rowHeight;
  const maxScroll = spacerHeight(g) - g.viewport;
  const maxTop = Math.max(0, g.rows - g.viewport / g.rowHeight);
  if (maxTop <= 0) return 0;
  return (Math.min(Math.max(row, 0), maxTop) / maxTop) * maxScroll;
}

/**
 * Where row `row` is drawn inside the spacer. Unscaled this is row × height,
 * so rows stay put while the browser scrolls; scaled, rows are placed relative
 * to the current scroll position.
 */
export function rowOffset(row: number, scrollTop: number, g: ScrollGeometry): number {
  if (!isScaled(g)) return row * g.rowHeight;
  return scrollTop + (row - topRowAt(scrollTop, g)) * g.rowHeight;
}

/** Index of the first entry whose span [offsets[i], offsets[i+1]) contains x. */
export function indexAt(offsets: Float64Array, x: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
