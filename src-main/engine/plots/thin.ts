/**
 * Fewer points for a scatter of many rows, keeping its look: the plot area is
 * cut into GRID × GRID cells; a cell with at most SPARSE points keeps them all
 * (outliers and thin tails stay visible), a denser cell keeps its first row.
 * At most GRID² × SPARSE points remain (20,000), whatever n is.
 */
export const THIN_GRID = 100;
export const THIN_SPARSE = 2;

/** Indices (ascending) of the points to draw; all of them when n ≤ limit. */
export function thinPoints(x: ArrayLike<number>, y: ArrayLike<number>, limit: number): Int32Array {
  const n = x.length;
  if (n <= limit) return Int32Array.from({ length: n }, (_, i) => i);
  const [x0, x1] = range(x);
  const [y0, y1] = range(y);
  const sx = x1 > x0 ? THIN_GRID / (x1 - x0) : 0;
  const sy = y1 > y0 ? THIN_GRID / (y1 - y0) : 0;
  const cellOf = new Int32Array(n);
  const count = new Int32Array(THIN_GRID * THIN_GRID);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(THIN_GRID - 1, Math.floor((x[i] - x0) * sx));
    const cy = Math.min(THIN_GRID - 1, Math.floor((y[i] - y0) * sy));
    const c = cx * THIN_GRID + cy;
    cellOf[i] = c;
    count[c]++;
  }
  const taken = new Uint8Array(count.length);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = cellOf[i];
    if (count[c] <= THIN_SPARSE) keep.push(i);
    else if (!taken[c]) {
      taken[c] = 1;
      keep.push(i);
    }
  }
  return Int32Array.from(keep);
}

function range(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return [lo, hi];
}
