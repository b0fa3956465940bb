import type { BlockLayout } from './blocks';
import type { LaterBlock } from './later-block';
import { kernels } from './supernodal-factor';

/**
 * The panels L21_b copied in their sorted order (later-block.ts), q₁ values per row, so that
 * subtractPanels reads them contiguously.
 */
export function sortPanels(lay: BlockLayout, later: LaterBlock, l21: Float64Array, sorted: Float64Array): void {
  const { q1, nl1, rowPtr, panelStart } = lay;
  const { sortedAt } = later;
  for (let b = 0; b < nl1; b++) {
    const r0 = rowPtr[b];
    const nr = rowPtr[b + 1] - r0;
    const base = panelStart[b];
    for (let t = r0; t < r0 + nr; t++) for (let c = 0; c < q1; c++) sorted[t * q1 + c] = l21[base + c * nr + sortedAt[t]];
  }
}

/**
 * l22 −= Σ_b P_b P_bᵀ on rows [from, to) of the new order: row i takes, from each panel holding
 * it, its products with that panel's rows of smaller new index, so writes stay within one row.
 */
export function subtractPanels(lay: BlockLayout, later: LaterBlock, sorted: Float64Array, l22: Float64Array, from: number, to: number): void {
  const { q1, Q2 } = lay;
  const { sortedNew, incPtr, incStart, incAt } = later;
  if (q1 === 1) {
    kernels.subtractRows(l22, Q2, from, to, incPtr, incAt, incStart, sortedNew, sorted);
    return;
  }
  for (let i = from; i < to; i++) {
    const row = i * Q2;
    for (let k = incPtr[i]; k < incPtr[i + 1]; k++) {
      const t = incAt[k];
      for (let u = incStart[k]; u <= t; u++) {
        let v = 0;
        for (let c = 0; c < q1; c++) v += sorted[t * q1 + c] * sorted[u * q1 + c];
        l22[row + sortedNew[u]] -= v;
      }
    }
  }
}
/**
 * Λ₂ᵀ Z₂'Z₂ Λ₂ + I into the factor's storage (new order, lower triangle; zeroed before): each
 * nonzero level-block pair (a, b) gives Λ_aᵀ A_ab Λ_b, Λ_k lower triangular, column-major.
 */
export function assembleLater(later: LaterBlock, Q2: number, lambda: Float64Array[], q: Int32Array, rowTerm: Int32Array, out: Float64Array): void {
  const { pairRow, pairCol, pairAt, values, iperm } = later;
  for (let t = 0; t < pairRow.length; t++) {
    const ra = pairRow[t];
    const rb = pairCol[t];
    const la = lambda[rowTerm[ra]];
    const lb = lambda[rowTerm[rb]];
    const qa = q[rowTerm[ra]];
    const qb = q[rowTerm[rb]];
    const at = pairAt[t];
    for (let r = 0; r < qa; r++) {
      // A diagonal pair is symmetric: its lower half is enough.
      const cEnd = ra === rb ? r + 1 : qb;
      for (let c = 0; c < cEnd; c++) {
        let v = 0;
        for (let u = r; u < qa; u++) {
          let w = 0;
          for (let x = c; x < qb; x++) w += values[at + u * qb + x] * lb[c * qb + x];
          v += la[r * qa + u] * w;
        }
        const nr = iperm[ra + r];
        const nc = iperm[rb + c];
        out[nr >= nc ? nr * Q2 + nc : nc * Q2 + nr] = v;
      }
    }
  }
  for (let i = 0; i < Q2; i++) out[i * Q2 + i] += 1;
}
