/**
 * Thinning for large data: a panel never gets more than MAX_POINTS points. Above
 * that, one point per occupied cell of a fine grid (the first row in data order),
 * then every point of the sparsest cells while there is room, so isolated
 * points (the ones a reader looks for) always stay and dense clouds keep their
 * shape. Typed arrays and numeric cell ids throughout: a million rows thin in
 * well under a second.
 */
export const MAX_POINTS = 20_000;
export const THIN_GRID = 256;

/**
 * The indices to draw, in the order given (data order). `keys` (a group code
 * per index of x/y) keeps groups apart: a cell holds at least one point per
 * group, so every group stays visible.
 */
export function thinIndices(indices: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, keys?: ArrayLike<number>, max = MAX_POINTS): number[] {
  const m = indices.length;
  if (m <= max) return Array.from(indices);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < m; k++) {
    const i = indices[k];
    if (x[i] < x0) x0 = x[i];
    if (x[i] > x1) x1 = x[i];
    if (y[i] < y0) y0 = y[i];
    if (y[i] > y1) y1 = y[i];
  }
  const sx = x1 > x0 ? THIN_GRID / (x1 - x0) : 0;
  const sy = y1 > y0 ? THIN_GRID / (y1 - y0) : 0;
  // Cell ids, renumbered densely in order of first appearance so that counts fit a typed array.
  const dense = new Map<number, number>();
  const cellOf = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = indices[k];
    const cx = Math.min(THIN_GRID - 1, Math.floor((x[i] - x0) * sx));
    const cy = Math.min(THIN_GRID - 1, Math.floor((y[i] - y0) * sy));
    const id = ((keys ? keys[i] : 0) * THIN_GRID + cx) * THIN_GRID + cy;
    let c = dense.get(id);
    if (c === undefined) dense.set(id, (c = dense.size));
    cellOf[k] = c;
  }
  const cells = dense.size;
  const size = new Int32Array(cells);
  for (let k = 0; k < m; k++) size[cellOf[k]]++;
  // Every cell's first point, then the sparsest cells whole while there is room.
  const whole = new Uint8Array(cells);
  let kept = cells;
  const multi = Int32Array.from({ length: cells }, (_, c) => c).filter((c) => size[c] > 1);
  multi.sort((a, b) => size[a] - size[b] || a - b);
  for (const c of multi) {
    if (kept + size[c] - 1 > max) break;
    whole[c] = 1;
    kept += size[c] - 1;
  }
  const first = new Uint8Array(cells);
  const out: number[] = [];
  for (let k = 0; k < m; k++) {
    const c = cellOf[k];
    if (whole[c] || !first[c]) out.push(indices[k]);
    first[c] = 1;
  }
  return out;
}
