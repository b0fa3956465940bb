import { minimumDegreeOrder } from './ordering';
import { supernodes, type Supernodes } from './supernodal';

/**
 * What the factorisation of the later terms' block needs besides numbers, fixed per
 * model: Z₂'Z₂ as its nonzero level-block pairs, the fill-reducing order of
 * Λ₂'Z₂'Z₂Λ₂ + I − Σ_b P_b P_bᵀ (ordering.ts; its pattern is that of Z₂'Z₂ plus a
 * clique per panel and does not depend on θ), and its factor's supernodes.
 */
export interface LaterBlock {
  /** Nonzero level-block pairs (a, b) of Z₂'Z₂ with first(a) ≥ first(b): their first rows, and where their values start in `values` (q_a × q_b, row-major). */
  pairRow: Int32Array;
  pairCol: Int32Array;
  pairAt: Int32Array;
  values: Float64Array;
  /** Position in the fill-reducing order of each Q₂ row (iperm), and its inverse. */
  iperm: Int32Array;
  perm: Int32Array;
  /** rowIndex (the panels' rows) in the new order. */
  panelRow: Int32Array;
  /**
   * The panels' rows sorted by new index within each panel: position t of panel b
   * (t in rowPtr[b]..rowPtr[b + 1]) is its row sortedAt[t] (within the panel), new index sortedNew[t].
   * Row i of the new order is at sorted position incAt[k] of the panel whose sorted positions start at
   * incStart[k], k in incPtr[i]..incPtr[i + 1], so Σ_b P_b P_bᵀ can be subtracted one row of the
   * factor at a time (that row stays in cache). Rows before `halfway` take about half of that work.
   */
  sortedAt: Int32Array;
  sortedNew: Int32Array;
  incPtr: Int32Array;
  incStart: Int32Array;
  incAt: Int32Array;
  halfway: number;
  /** The factor's supernodes (new order). */
  sn: Supernodes;
}

/**
 * `a22`: the dense Q₂ × Q₂ Z₂'Z₂ (lower triangle filled); `blockStart[r]` is the first row of
 * row r's level block and `blockSize[r]` its size; panels as in BlockLayout.
 */
export function analyseLaterBlock(
  Q2: number,
  a22: Float64Array,
  blockStart: Int32Array,
  blockSize: Int32Array,
  rowPtr: Int32Array,
  rowIndex: Int32Array,
): LaterBlock {
  const pairRow: number[] = [];
  const pairCol: number[] = [];
  const pairAt: number[] = [];
  const values: number[] = [];
  const words = (Q2 + 31) >> 5;
  const adj = new Uint32Array(Q2 * words);
  const link = (r: number, c: number) => {
    if (r === c) return;
    adj[r * words + (c >> 5)] |= 1 << (c & 31);
    adj[c * words + (r >> 5)] |= 1 << (r & 31);
  };
  for (let ra = 0; ra < Q2; ra += blockSize[ra]) {
    const qa = blockSize[ra];
    for (let rb = 0; rb <= ra; rb += blockSize[rb]) {
      const qb = blockSize[rb];
      let any = false;
      for (let r = ra; r < ra + qa && !any; r++) for (let c = rb; c < rb + qb; c++) if (entry(a22, Q2, r, c) !== 0) any = true;
      if (!any) continue;
      pairRow.push(ra);
      pairCol.push(rb);
      pairAt.push(values.length);
      for (let r = ra; r < ra + qa; r++) {
        for (let c = rb; c < rb + qb; c++) {
          values.push(entry(a22, Q2, r, c));
          link(r, c);
        }
      }
    }
  }
  // Λ₂ mixes the rows of a level block, so they are joined whatever Z₂'Z₂ holds.
  for (let r = 0; r < Q2; r++) for (let c = blockStart[r]; c < r; c++) link(r, c);
  for (let b = 0; b + 1 < rowPtr.length; b++) {
    for (let u = rowPtr[b]; u < rowPtr[b + 1]; u++) for (let v = rowPtr[b]; v < u; v++) link(rowIndex[u], rowIndex[v]);
  }
  const order = minimumDegreeOrder(Q2, words, adj);
  const panels = panelIncidence(Q2, order.iperm, rowPtr, rowIndex);
  return {
    pairRow: Int32Array.from(pairRow),
    pairCol: Int32Array.from(pairCol),
    pairAt: Int32Array.from(pairAt),
    values: Float64Array.from(values),
    iperm: order.iperm,
    perm: order.perm,
    panelRow: Int32Array.from(rowIndex, (r) => order.iperm[r]),
    ...panels,
    sn: supernodes(order),
  };
}

function panelIncidence(Q2: number, iperm: Int32Array, rowPtr: Int32Array, rowIndex: Int32Array) {
  const total = rowIndex.length;
  const sortedAt = new Int32Array(total);
  const sortedNew = new Int32Array(total);
  const incPtr = new Int32Array(Q2 + 1);
  for (let b = 0; b + 1 < rowPtr.length; b++) {
    const r0 = rowPtr[b];
    const nr = rowPtr[b + 1] - r0;
    const at = Array.from({ length: nr }, (_, r) => r).sort((x, y) => iperm[rowIndex[r0 + x]] - iperm[rowIndex[r0 + y]]);
    for (let t = 0; t < nr; t++) {
      sortedAt[r0 + t] = at[t];
      sortedNew[r0 + t] = iperm[rowIndex[r0 + at[t]]];
      incPtr[sortedNew[r0 + t] + 1]++;
    }
  }
  for (let i = 0; i < Q2; i++) incPtr[i + 1] += incPtr[i];
  const fill = incPtr.slice(0, Q2);
  const incStart = new Int32Array(total);
  const incAt = new Int32Array(total);
  for (let b = 0; b + 1 < rowPtr.length; b++) {
    for (let t = rowPtr[b]; t < rowPtr[b + 1]; t++) {
      const k = fill[sortedNew[t]]++;
      incStart[k] = rowPtr[b];
      incAt[k] = t;
    }
  }
  let work = 0;
  for (let k = 0; k < total; k++) work += incAt[k] - incStart[k] + 1;
  let halfway = 0;
  for (let done = 0; halfway < Q2 && 2 * done < work; halfway++) for (let k = incPtr[halfway]; k < incPtr[halfway + 1]; k++) done += incAt[k] - incStart[k] + 1;
  return { sortedAt, sortedNew, incPtr, incStart, incAt, halfway };
}

/** (r, c) of a symmetric row-major matrix whose lower triangle is filled. */
function entry(a: Float64Array, n: number, r: number, c: number): number {
  return r >= c ? a[r * n + c] : a[c * n + r];
}
