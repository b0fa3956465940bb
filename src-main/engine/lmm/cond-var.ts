import type { Factor } from './factor';
import { inverseOnPattern } from './inverse-subset';
import type { LmmModel } from './model';

/**
 * Conditional standard deviations of the random effects, as lme4's
 * ranef(condVar = TRUE) gives them: the square roots of the diagonal of
 * σ²Λ(L_ZZ L_ZZᵀ)⁻¹Λᵀ within each level's block (β held at its estimate).
 *
 * Only the diagonal blocks of Σ = (L_ZZ L_ZZᵀ)⁻¹ are needed. With the first
 * term's blocks L11 (block-diagonal), the panels L21 and L22 (supernodal),
 *   Σ22 = L22⁻ᵀL22⁻¹,   Σ21 = −Σ22 L21 L11⁻¹,   Σ11 = L11⁻ᵀ(L11⁻¹ − L21ᵀΣ21),
 * and Σ11's level block b needs Σ22 only on the rows of panel b, which are in the
 * pattern of L22, so Σ22 is computed on that pattern only (inverse-subset.ts):
 *   Σ11_b = L11_b⁻ᵀ (I + P_bᵀ Σ22[R_b, R_b] P_b) L11_b⁻¹.
 * Returns, per term, nl × q values (level by level).
 */
export function conditionalSds(model: LmmModel, factor: Factor, sigma: number): Float64Array[] {
  const { Q2, q1, nl1, rowPtr, panelStart, rowStart } = model.blocks.layout;
  // Σ22 comes out in the later block's fill-reducing order: row r of the original order is iperm[r].
  const { panelRow, iperm } = model.blocks.later;
  const { l11, l21, l22, lambda } = factor;
  const terms = model.random.terms;
  const sigma22 = Q2 > 0 ? inverseOnPattern(l22, model.blocks.later.sn) : new Float64Array(0);
  const out = terms.map((t) => new Float64Array(t.nl * t.q));

  const inv = new Float64Array(q1 * q1);
  const middle = new Float64Array(q1 * q1);
  const s11 = new Float64Array(q1 * q1);
  for (let b = 0; b < nl1; b++) {
    invertSmall(l11, b * q1 * q1, q1, inv);
    middle.fill(0);
    for (let c = 0; c < q1; c++) middle[c * q1 + c] = 1;
    if (Q2 > 0) {
      const r0 = rowPtr[b];
      const nr = rowPtr[b + 1] - r0;
      const base = panelStart[b];
      // middle += P_bᵀ Σ22[R_b, R_b] P_b
      for (let c = 0; c < q1; c++) {
        for (let r = 0; r < nr; r++) {
          const row = panelRow[r0 + r] * Q2;
          let g = 0;
          for (let s = 0; s < nr; s++) g += sigma22[row + panelRow[r0 + s]] * l21[base + c * nr + s];
          for (let d = 0; d < q1; d++) middle[c * q1 + d] += l21[base + d * nr + r] * g;
        }
      }
    }
    // s11 = invᵀ · middle · inv (inv lower, column-major).
    for (let c = 0; c < q1; c++) {
      for (let r = 0; r < q1; r++) {
        let v = 0;
        for (let t = 0; t < q1; t++) for (let w = 0; w < q1; w++) v += inv[r * q1 + t] * middle[w * q1 + t] * inv[c * q1 + w];
        s11[c * q1 + r] = v;
      }
    }
    scaledDiagonal(s11, 0, q1, q1, lambda[0], sigma, out[0], b * q1);
  }

  for (let k = 1; k < terms.length; k++) {
    const { q, nl } = terms[k];
    const block = new Float64Array(q * q);
    for (let a = 0; a < nl; a++) {
      const first = rowStart[k - 1] + a * q;
      for (let c = 0; c < q; c++) for (let r = 0; r < q; r++) block[c * q + r] = sigma22[iperm[first + r] * Q2 + iperm[first + c]];
      scaledDiagonal(block, 0, q, q, lambda[k], sigma, out[k], a * q);
    }
  }
  return out;
}

/** out[at + s] = σ·sqrt((ΛSΛᵀ)_ss) for a q × q column-major S (stride `ld`). */
function scaledDiagonal(S: Float64Array, off: number, q: number, ld: number, lam: Float64Array, sigma: number, out: Float64Array, at: number): void {
  for (let s = 0; s < q; s++) {
    let v = 0;
    for (let t = 0; t <= s; t++) for (let w = 0; w <= s; w++) v += lam[t * q + s] * S[off + w * ld + t] * lam[w * q + s];
    out[at + s] = sigma * Math.sqrt(v);
  }
}

/** Inverse of a q × q column-major lower-triangular block at `off`, column-major into `out`. */
function invertSmall(L: Float64Array, off: number, q: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < q; j++) {
    out[j * q + j] = 1 / L[off + j * q + j];
    for (let i = j + 1; i < q; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[off + k * q + i] * out[j * q + k];
      out[j * q + i] = s / L[off + i * q + i];
    }
  }
}
