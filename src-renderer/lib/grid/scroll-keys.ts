/**
 * Vertical keyboard scrolling in rows, not pixels: once scroll positions are
 * scaled (more rows than a browser can lay out), the browser's own PageDown
 * would skip rows, so the grid moves by rows itself. Returns the new top row,
 * or null for keys it leaves to the browser.
 */
export function topRowForKey(
  key: string,
  top: number,
  visibleRows: number,
  rows: number,
): number | null {
  const lastTop = Math.max(0, rows - visibleRows);
  const page = Math.max(1, Math.floor(visibleRows) - 1);
  const current = Math.round(top);
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = current + 1;
      break;
    case 'ArrowUp':
      next = current - 1;
      break;
    case 'PageDown':
      next = current + page;
      break;
    case 'PageUp':
      next = current - page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = lastTop;
      break;
    default:
      return null;
  }
  return Math.min(lastTop, Math.max(0, next));
}

/**
 * The top row (0-based) that brings `row` (1-based, as the grid numbers rows)
 * into view about a third of the way down: a row revealed from a plot reads
 * with some rows of context above it.
 */
export function topRowToReveal(row: number, visibleRows: number, rows: number): number {
  const lastTop = Math.max(0, rows - Math.floor(visibleRows));
  const wanted = row - 1 - Math.floor(visibleRows / 3);
  return Math.min(Math.max(0, wanted), lastTop);
}
