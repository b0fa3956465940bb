import { AppError } from '@shared/errors';
import type { LmmModel } from '../lmm/model';
import { termFactor } from '../lmm/theta';

/**
 * What Kenward-Roger needs of V = σ²(I + ZΛΛᵀZᵀ), without any n × n matrix. With
 * S = ZᵀZ, T = ZᵀX, U = XᵀX, M = I + ΛᵀSΛ = LLᵀ and J = L⁻¹Λᵀ (so that H = ΛM⁻¹Λᵀ = JᵀJ),
 * Woodbury gives V₀⁻¹ = (V/σ²)⁻¹ = I − ZHZᵀ, and each further power of V₀⁻¹ peels off
 * one more Z H Zᵀ:  V₀⁻⁽ᵏ⁺¹⁾ = V₀⁻ᵏ − Z H Zᵀ V₀⁻ᵏ. Hence, with K₁ = JS:
 *
 *   ZᵀV₀⁻¹Z = S − K₁ᵀK₁            ZᵀV₀⁻¹X = T − K₁ᵀ(JT)          XᵀV₀⁻¹X = U − (JT)ᵀ(JT)
 *   ZᵀV₀⁻²Z = A − K₁ᵀ(JA)          ZᵀV₀⁻²X = B − K₁ᵀ(JB)          XᵀV₀⁻²X = C − (JT)ᵀ(JB)
 *   XᵀV₀⁻³X = XᵀV₀⁻²X − (JT)ᵀ J(ZᵀV₀⁻²X)
 *   tr V₀⁻¹ = n − tr(JSJᵀ)         tr V₀⁻² = tr V₀⁻¹ − tr(JAJᵀ)
 *
 * The q × q matrices are held dense (a few of them: 72 MB each at q = 3000), which is what
 * limits the method to a few thousand random effects; products skip the zeros of the
 * triangular factors, so the block-diagonal first term costs about q² and only the rows of
 * later terms cost q² each. The returned quantities are on the scale of V itself
 * (divided by the right power of σ²). The random effects are ordered term by term, level
 * by level, as the blocks order them (term k, level l, component s at off[k] + l·q_k + s).
 */
export interface RandomSpace {
  n: number;
  p: number;
  q: number;
  /** First random effect of each term. */
  off: Int32Array;
  sigma2: number;
  /** ZᵀV⁻¹Z, q × q row-major. */
  A: Float64Array;
  /** ZᵀV⁻¹X and ZᵀV⁻²X, q × p row-major. */
  B: Float64Array;
  B2: Float64Array;
  /** XᵀV⁻²X and XᵀV⁻³X, p × p. */
  XV2X: Float64Array;
  XV3X: Float64Array;
  trV2: number;
  /** (ZᵀV⁻²Z)[r, c] for r, c in the same level block of a term (all that tr(E ZᵀV⁻²Z) needs). */
  A2at(r: number, c: number): number;
}

export function randomSpace(model: LmmModel, theta: Float64Array, sigma: number): RandomSpace {
  const { n, p } = model;
  const terms = model.random.terms;
  const off = new Int32Array(terms.length + 1);
  terms.forEach((t, k) => (off[k + 1] = off[k] + t.nl * t.q));
  const q = off[terms.length];
  const X = model.fixed.X;

  const S = new Float64Array(q * q);
  const T = new Float64Array(q * p);
  const U = new Float64Array(p * p);
  const idx = new Int32Array(q > 0 ? terms.reduce((s, t) => s + t.q, 0) : 0);
  const val = new Float64Array(idx.length);
  const xrow = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let m = 0;
    terms.forEach((t, k) => {
      const base = off[k] + t.codes[i] * t.q;
      for (let s = 0; s < t.q; s++) {
        idx[m] = base + s;
        val[m++] = t.Z[s * n + i];
      }
    });
    for (let j = 0; j < p; j++) xrow[j] = X[j * n + i];
    for (let a = 0; a < m; a++) {
      const va = val[a];
      if (va === 0) continue;
      const ra = idx[a] * q;
      for (let b = 0; b < m; b++) S[ra + idx[b]] += va * val[b];
      const ta = idx[a] * p;
      for (let j = 0; j < p; j++) T[ta + j] += va * xrow[j];
    }
    for (let j = 0; j < p; j++) {
      const xj = xrow[j];
      if (xj === 0) continue;
      for (let l = 0; l < p; l++) U[j * p + l] += xj * xrow[l];
    }
  }

  // Helpers own their q × q temporaries (Λᵀ, M, JA), so that they are freed on return.
  const J = woodburySolve(model, theta, S, off, q);
  const K1 = multiply(J, S, q, q, q);
  const A = S.slice();
  subtractCrossprod(A, K1, K1, q, q, q);
  const JT = multiply(J, T, q, q, p);
  const B = T.slice();
  subtractCrossprod(B, K1, JT, q, q, p);
  const C = U.slice();
  subtractCrossprod(C, JT, JT, q, p, p);
  const JB = multiply(J, B, q, q, p);
  const B2 = B.slice();
  subtractCrossprod(B2, K1, JB, q, q, p);
  const XV2X = C.slice();
  subtractCrossprod(XV2X, JT, JB, q, p, p);
  const JB2 = multiply(J, B2, q, q, p);
  const XV3X = XV2X.slice();
  subtractCrossprod(XV3X, JT, JB2, q, p, p);
  let trV1 = n;
  for (let i = 0; i < q * q; i++) trV1 -= K1[i] * J[i];
  const second = secondPower(model, off, q, J, K1, A);

  const s2 = sigma * sigma;
  const s4 = s2 * s2;
  scale(A, 1 / s2);
  scale(B, 1 / s2);
  scale(B2, 1 / s4);
  scale(XV2X, 1 / s4);
  scale(XV3X, 1 / (s4 * s2));
  scale(second.blocks, 1 / s4);
  const A2at = (r: number, c: number): number => {
    let k = 0;
    while (r >= off[k + 1]) k++;
    const qk = terms[k].q;
    const l = Math.floor((r - off[k]) / qk);
    const base = off[k] + l * qk;
    if (c < base || c >= base + qk) throw new AppError('internal', `Kenward-Roger: (ZᵀV⁻²Z)[${r}, ${c}] is outside the level blocks kept.`);
    return second.blocks[second.start[k] + l * qk * qk + (r - base) * qk + (c - base)];
  };
  return { n, p, q, off, sigma2: s2, A, B, B2, XV2X, XV3X, trV2: (trV1 - second.trace) / s4, A2at };
}

/** J = L⁻¹Λᵀ, where LLᵀ = M = I + ΛᵀSΛ. */
function woodburySolve(model: LmmModel, theta: Float64Array, S: Float64Array, off: Int32Array, q: number): Float64Array {
  // Λᵀ, block by block (each level of term k carries Λ_k).
  const lambdaT = new Float64Array(q * q);
  model.random.terms.forEach((t, k) => {
    const lam = termFactor(theta, model.layout, k, new Float64Array(t.q * t.q));
    for (let l = 0; l < t.nl; l++) {
      const base = off[k] + l * t.q;
      // Λ_k is column-major lower: Λ[r, c] = lam[c·q + r]; Λᵀ[c, r] = Λ[r, c].
      for (let c = 0; c < t.q; c++) for (let r = c; r < t.q; r++) lambdaT[(base + c) * q + base + r] = lam[c * t.q + r];
    }
  });
  // M = I + ΛᵀSΛ = I + Λᵀ(ΛᵀS)ᵀ: products with the block-diagonal Λᵀ skip its zeros.
  const M = multiply(lambdaT, transpose(multiply(lambdaT, S, q, q, q), q), q, q, q);
  for (let i = 0; i < q; i++) M[i * q + i] += 1;
  const first = envelope(M, q);
  if (!envelopeCholesky(M, q, first)) throw new AppError('internal', 'Kenward-Roger: I + ΛᵀZᵀZΛ is not positive definite.');
  return forwardSolveRows(M, q, first, lambdaT, q);
}

/**
 * What is needed of ZᵀV₀⁻²Z = A − K₁ᵀ(JA): its level blocks (term k's blocks from start[k], level by
 * level, q_k × q_k row-major) and tr(JAJᵀ) = tr(HA), for tr V₀⁻².
 */
function secondPower(model: LmmModel, off: Int32Array, q: number, J: Float64Array, K1: Float64Array, A: Float64Array): { blocks: Float64Array; start: Int32Array; trace: number } {
  const terms = model.random.terms;
  const K2 = multiply(J, A, q, q, q);
  let trace = 0;
  for (let i = 0; i < q * q; i++) trace += K2[i] * J[i];
  const start = new Int32Array(terms.length + 1);
  terms.forEach((t, k) => (start[k + 1] = start[k] + t.nl * t.q * t.q));
  const blocks = new Float64Array(start[terms.length]);
  terms.forEach((t, k) => {
    for (let l = 0; l < t.nl; l++) {
      const base = off[k] + l * t.q;
      for (let a = 0; a < t.q; a++) {
        for (let b = 0; b < t.q; b++) {
          const r = base + a;
          const c = base + b;
          let v = A[r * q + c];
          for (let s = 0; s < q; s++) v -= K1[s * q + r] * K2[s * q + c];
          blocks[start[k] + l * t.q * t.q + a * t.q + b] = v;
        }
      }
    }
  });
  return { blocks, start, trace };
}

/** a (r × k) · b (k × c), row-major. */
function multiply(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const oi = i * c;
    for (let t = 0; t < k; t++) {
      const v = a[i * k + t];
      if (v === 0) continue;
      const bt = t * c;
      for (let j = 0; j < c; j++) out[oi + j] += v * b[bt + j];
    }
  }
  return out;
}

/** The transpose of a square q × q matrix. */
function transpose(a: Float64Array, q: number): Float64Array {
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) out[j * q + i] = a[i * q + j];
  return out;
}

/** out (c₁ × c₂) −= aᵀb for a (r × c₁), b (r × c₂): one rank-one update per row, over contiguous rows. */
function subtractCrossprod(out: Float64Array, a: Float64Array, b: Float64Array, r: number, c1: number, c2: number): void {
  for (let t = 0; t < r; t++) {
    const at = t * c1;
    const bt = t * c2;
    for (let i = 0; i < c1; i++) {
      const v = a[at + i];
      if (v === 0) continue;
      const oi = i * c2;
      for (let j = 0; j < c2; j++) out[oi + j] -= v * b[bt + j];
    }
  }
}

/** Per row of a symmetric q × q row-major matrix, the first column with a nonzero entry in its lower triangle. */
function envelope(a: Float64Array, q: number): Int32Array {
  const first = new Int32Array(q);
  for (let i = 0; i < q; i++) {
    let j = 0;
    while (j < i && a[i * q + j] === 0) j++;
    first[i] = j;
  }
  return first;
}

/**
 * In-place Cholesky of the lower triangle within its envelope (no fill happens left of a row's
 * first nonzero). The random effects of the first term are block-diagonal in M, so for them the
 * work is per level block; only the rows of later terms are long: a one-term model with
 * thousands of levels takes milliseconds instead of the q³/3 of a dense factorisation.
 */
function envelopeCholesky(a: Float64Array, q: number, first: Int32Array): boolean {
  for (let i = 0; i < q; i++) {
    const ri = i * q;
    const fi = first[i];
    for (let j = fi; j < i; j++) {
      const rj = j * q;
      let s = a[ri + j];
      for (let k = Math.max(fi, first[j]); k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / a[rj + j];
    }
    let d = a[ri + i];
    for (let k = fi; k < i; k++) d -= a[ri + k] * a[ri + k];
    if (!(d > 0)) return false;
    a[ri + i] = Math.sqrt(d);
  }
  return true;
}

/** L⁻¹b for L lower (row-major q × q, as envelopeCholesky leaves it) and b (q × c), row by row. */
function forwardSolveRows(L: Float64Array, q: number, first: Int32Array, b: Float64Array, c: number): Float64Array {
  const x = b.slice();
  for (let i = 0; i < q; i++) {
    const xi = i * c;
    for (let t = first[i]; t < i; t++) {
      const l = L[i * q + t];
      if (l === 0) continue;
      const xt = t * c;
      for (let j = 0; j < c; j++) x[xi + j] -= l * x[xt + j];
    }
    const d = L[i * q + i];
    for (let j = 0; j < c; j++) x[xi + j] /= d;
  }
  return x;
}

function scale(a: Float64Array, f: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= f;
}
