/**
 * Thinning for large data: a panel never gets more than MAX_POINTS points. Above
 * that, one point per occupied cell of a fine grid (the first row in data order),
 * then every point of the sparsest cells while there is room, so isolated
 * points (the ones a reader looks for) always stay and dense clouds keep their shape.
 */
export const MAX_POINTS = 20_000;
const GRID = 256;

/**
 * The indices to draw, in data order. `keys` (a group code per index) keeps
 * groups apart: a cell holds one point per group, so every group stays visible.
 */
export function thinIndices(indices: readonly number[], x: ArrayLike<number>, y: ArrayLike<number>, keys?: ArrayLike<number>, max = MAX_POINTS): number[] {
  if (indices.length <= max) return [...indices];
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const i of indices) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  const cellOf = (v: number, lo: number, hi: number) => (hi > lo ? Math.min(GRID - 1, Math.floor(((v - lo) / (hi - lo)) * GRID)) : 0);
  const cells = new Map<string, number[]>();
  for (const i of indices) {
    const key = `${keys ? keys[i] : 0}:${cellOf(x[i], x0, x1)}:${cellOf(y[i], y0, y1)}`;
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  }
  const kept = new Set<number>();
  for (const cell of cells.values()) kept.add(cell[0]);
  // The sparsest cells first: their points are the rarest, so they are kept whole while there is room.
  const bySize = [...cells.values()].filter((c) => c.length > 1).sort((a, b) => a.length - b.length);
  for (const cell of bySize) {
    if (kept.size + cell.length - 1 > max) break;
    for (const i of cell) kept.add(i);
  }
  return indices.filter((i) => kept.has(i));
}
