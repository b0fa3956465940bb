import { absorbRows } from './householder-block';

/** A few rows over some of the columns: `rows` × columns.length, column-major; column q is column columns[q] of the whole. */
export interface RowPart {
  R: Float64Array;
  rows: number;
  columns: Int32Array;
}

/**
 * One c × c matrix S with S'S = Σ over parts of R'R (each part's columns put in place):
 * the parts stacked and reduced by Householder reflections, so S is the triangular
 * factor of the stack up to an order of its columns. Order is the point: a column that
 * only one part has (a level's indicator, say) is reduced within that part first, and
 * only the rows left over, which have just the shared columns, are stacked. Reducing
 * the stack in column order instead would cost every part c² operations per row, a
 * thousand parts of a thousand columns some 10¹⁰.
 *
 * S is triangular only in that order, not in 0 … c−1; its users need S'S and that
 * S = Q'A for the stacked rows A, both of which any order keeps.
 */
export function combineParts(parts: readonly RowPart[], c: number): Float64Array {
  const count = new Int32Array(c);
  for (const part of parts) for (const j of part.columns) count[j]++;
  const shared: number[] = [];
  for (let j = 0; j < c; j++) if (count[j] > 1) shared.push(j);
  const g = shared.length;
  const sharedAt = new Int32Array(c).fill(-1);
  shared.forEach((j, q) => (sharedAt[j] = q));
  const S = new Float64Array(c * c);
  const TG = new Float64Array(g * g);
  let row = 0;
  for (const part of parts) {
    const m = part.columns.length;
    // The part's own columns first, then the shared ones.
    const order = [...part.columns.keys()].sort((a, b) => +(count[part.columns[a]] > 1) - +(count[part.columns[b]] > 1) || a - b);
    const own = order.filter((q) => count[part.columns[q]] === 1).length;
    const A = new Float64Array(part.rows * m);
    order.forEach((q, k) => A.set(part.R.subarray(q * part.rows, (q + 1) * part.rows), k * part.rows));
    let left = A;
    let leftRows = part.rows;
    let leftFirst = 0;
    if (own > 0) {
      const T = new Float64Array(m * m);
      absorbRows(T, m, A, part.rows, part.rows);
      // Rows of the part's own columns are final: nothing else touches those columns.
      for (let r = 0; r < own; r++, row++) {
        for (let k = r; k < m; k++) S[part.columns[order[k]] * c + row] = T[k * m + r];
      }
      left = T;
      leftRows = m;
      leftFirst = own;
    }
    if (g === 0 || leftFirst >= m) continue;
    // What is left has only shared columns: into the shared triangle.
    const rows = leftRows - leftFirst;
    const block = new Float64Array(rows * g);
    for (let k = leftFirst; k < m; k++) {
      const to = sharedAt[part.columns[order[k]]];
      for (let r = 0; r < rows; r++) block[to * rows + r] = left[k * leftRows + leftFirst + r];
    }
    absorbRows(TG, g, block, rows, rows);
  }
  for (let q = 0; q < g; q++) {
    for (let r = 0; r <= q; r++) S[shared[q] * c + row + r] = TG[q * g + r];
  }
  return S;
}
