import { choleskyLower } from '../lmm/dense';
import type { GlmmModel, RowsOfU } from './model';

/**
 * The Cholesky factor of PIRLS's penalized weighted least-squares system
 *   [UᵀWU + I  UᵀWX]
 *   [XᵀWU      XᵀWX]
 * kept in the blocks its sparsity gives. Every row of the data has exactly one level of
 * the first random-effects term (the one with the most levels, lme4's order), so the
 * first term's part of UᵀWU + I is block diagonal (one k × k block per level, k its
 * columns; plain diagonal for a scalar term such as (1 | g)). The rest of u (the later
 * terms) and, when β is estimated too, the fixed effects form the "later" block, dense.
 *
 *   A11  nl blocks of k × k (row-major lower)       → L11, blocks of the same shape
 *   A21  r × q1 (row-major), r = later unknowns      → L21 = A21 L11⁻ᵀ
 *   A22  r × r (row-major lower)                     → L22, chol(A22 − L21 L21ᵀ)
 *
 * The cost per factorisation is O(nl·k³ + q1·r² + r³) instead of O((q + p)³), and the
 * assembly is O(n) per weight vector with the row structure of U fixed. Every entry is
 * the same sequence of floating-point operations as the dense Crout factor of the whole
 * matrix (choleskyLower: each entry's dot product runs over earlier columns in order,
 * and the products skipped here are exact zeros), so this factor, the solves and
 * log|L|² equal the dense ones bit for bit (penalized-factor.test.ts).
 */
export class PenalizedFactor {
  /** Columns per level of the first term. */
  readonly k: number;
  /** Unknowns of the first term (nl·k). */
  readonly q1: number;
  readonly q: number;
  readonly p: number;
  /** Later random effects (q − q1). */
  readonly rU: number;
  /** Later unknowns in the current system: rU, or rU + p with the fixed effects. */
  r = 0;
  a11: Float64Array;
  readonly a21: Float64Array;
  readonly a22: Float64Array;
  rhs: Float64Array;

  constructor(readonly model: GlmmModel) {
    const t = model.random.terms[0];
    this.k = t.q;
    this.q1 = t.nl * t.q;
    this.q = model.q;
    this.p = model.p;
    this.rU = model.q - this.q1;
    const rMax = this.rU + this.p;
    this.a11 = new Float64Array(t.nl * this.k * this.k);
    this.a21 = new Float64Array(rMax * this.q1);
    this.a22 = new Float64Array(rMax * rMax);
    this.rhs = new Float64Array(this.q + this.p);
  }

  /**
   * The system at weights w and, for the right-hand side, the working response z
   * (z null: the matrix only). `joint`: with the fixed effects' rows (β estimated),
   * otherwise the random effects' rows only (β given).
   */
  assemble(U: RowsOfU, w: Float64Array, z: Float64Array | null, joint: boolean): void {
    const { model, k, q1, p, rU, a11, a21, a22, rhs } = this;
    const { n, nnz } = model;
    const r = joint ? rU + p : rU;
    this.r = r;
    a11.fill(0);
    a21.fill(0, 0, r * q1);
    a22.fill(0, 0, r * r);
    rhs.fill(0);
    // The identity's diagonal first: the dense assembly starts each diagonal sum at 1.
    for (let l = 0; l < a11.length; l += k * k) for (let c = 0; c < k; c++) a11[l + c * k + c] = 1;
    for (let j = 0; j < rU; j++) a22[j * r + j] = 1;
    const { cols, vals } = U;
    if (nnz === 1 && k === 1) {
      // One scalar term: row i touches one diagonal entry of A11 and one column of A21.
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        const c = cols[i];
        const v = vals[i];
        a11[c] += v * wi * v;
        if (z) rhs[c] += v * (wi * z[i]);
      }
      if (joint) this.assembleFixed(U, w, z);
      return;
    }
    if (nnz === 2 && k === 1) {
      // Two scalar terms (crossed designs such as (1 | subject) + (1 | item)): the loop below written out.
      for (let i = 0; i < n; i++) {
        const wi = w[i];
        const c0 = cols[2 * i];
        const v0 = vals[2 * i];
        const c1 = cols[2 * i + 1];
        const v1 = vals[2 * i + 1];
        a11[c0] += v0 * wi * v0;
        const va = v1 * wi;
        const row = c1 - q1;
        a21[row * q1 + c0] += va * v0;
        a22[row * r + row] += va * v1;
        if (z) {
          const wz = wi * z[i];
          rhs[c0] += v0 * wz;
          rhs[c1] += v1 * wz;
        }
      }
      if (joint) this.assembleFixed(U, w, z);
      return;
    }
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      const o = i * nnz;
      const block = cols[o] * k;
      for (let a = 0; a < k; a++) {
        const va = vals[o + a] * wi;
        for (let b = 0; b <= a; b++) a11[block + a * k + b] += va * vals[o + b];
      }
      for (let a = k; a < nnz; a++) {
        const va = vals[o + a] * wi;
        const row21 = (cols[o + a] - q1) * q1;
        const row22 = (cols[o + a] - q1) * r - q1;
        for (let b = 0; b < k; b++) a21[row21 + cols[o + b]] += va * vals[o + b];
        for (let b = k; b <= a; b++) a22[row22 + cols[o + b]] += va * vals[o + b];
      }
      if (z) {
        const wz = wi * z[i];
        for (let a = 0; a < nnz; a++) rhs[cols[o + a]] += vals[o + a] * wz;
      }
    }
    if (joint) this.assembleFixed(U, w, z);
  }

  /** The fixed effects' rows: XᵀWU (into A21 and A22), XᵀWX and XᵀWz. */
  private assembleFixed(U: RowsOfU, w: Float64Array, z: Float64Array | null): void {
    const { model, k, q1, q, p, rU, r, a21, a22, rhs } = this;
    const { n, nnz } = model;
    const X = model.fixed.X;
    const { cols, vals } = U;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      const o = i * nnz;
      for (let j = 0; j < p; j++) {
        const xj = X[j * n + i] * wi;
        const row21 = (rU + j) * q1;
        const row22 = (rU + j) * r;
        for (let a = 0; a < k; a++) a21[row21 + cols[o + a]] += xj * vals[o + a];
        for (let a = k; a < nnz; a++) a22[row22 + cols[o + a] - q1] += xj * vals[o + a];
        for (let c = 0; c <= j; c++) a22[row22 + rU + c] += xj * X[c * n + i];
      }
      if (z) {
        const wz = wi * z[i];
        for (let j = 0; j < p; j++) rhs[q + j] += X[j * n + i] * wz;
      }
    }
  }

  /**
   * One scalar term with β given (no later block): takes a11 and rhs assembled elsewhere
   * (PIRLS's fused pass, row-kernels.ts) in place of assemble(); returns the arrays they
   * replace, for the next pass to fill.
   */
  swapScalarSystem(a11: Float64Array, rhs: Float64Array): { a11: Float64Array; rhs: Float64Array } {
    if (this.k !== 1 || this.rU !== 0) throw new Error('PenalizedFactor.swapScalarSystem: the model has more than one scalar term');
    const previous = { a11: this.a11, rhs: this.rhs };
    this.a11 = a11;
    this.rhs = rhs;
    this.r = 0;
    return previous;
  }

  /** Factors the assembled system in place; false when it is not positive definite. */
  factor(): boolean {
    const { k, q1, r, a11, a21, a22 } = this;
    if (k === 1) {
      for (let j = 0; j < q1; j++) {
        const d = a11[j];
        if (!(d > 0)) return false;
        a11[j] = Math.sqrt(d);
      }
      for (let i = 0; i < r; i++) {
        const row = i * q1;
        for (let j = 0; j < q1; j++) a21[row + j] /= a11[j];
      }
    } else {
      for (let l = 0; l < q1; l += k) if (!choleskyBlock(a11, l * k, k)) return false;
      for (let i = 0; i < r; i++) {
        const row = i * q1;
        for (let l = 0; l < q1; l += k) {
          const b = l * k;
          for (let c = 0; c < k; c++) {
            let s = a21[row + l + c];
            for (let e = 0; e < c; e++) s -= a21[row + l + e] * a11[b + c * k + e];
            a21[row + l + c] = s / a11[b + c * k + c];
          }
        }
      }
    }
    // The later block's entries less the products over the first term's columns (each sum in column order), then its own Crout factor.
    for (let i = 0; i < r; i++) {
      const ri = i * q1;
      const o = i * r;
      let j = 0;
      // Four entries of row i at a time: four independent running sums share the loads of row i.
      for (; j + 3 <= i; j += 4) {
        const r0 = j * q1;
        const r1 = r0 + q1;
        const r2 = r1 + q1;
        const r3 = r2 + q1;
        let s0 = a22[o + j];
        let s1 = a22[o + j + 1];
        let s2 = a22[o + j + 2];
        let s3 = a22[o + j + 3];
        for (let e = 0; e < q1; e++) {
          const x = a21[ri + e];
          s0 -= x * a21[r0 + e];
          s1 -= x * a21[r1 + e];
          s2 -= x * a21[r2 + e];
          s3 -= x * a21[r3 + e];
        }
        a22[o + j] = s0;
        a22[o + j + 1] = s1;
        a22[o + j + 2] = s2;
        a22[o + j + 3] = s3;
      }
      for (; j <= i; j++) {
        const rj = j * q1;
        let s = a22[o + j];
        for (let e = 0; e < q1; e++) s -= a21[ri + e] * a21[rj + e];
        a22[o + j] = s;
      }
    }
    return choleskyLower(a22, r);
  }

  /** log det of the random effects' part, Σ 2 log L_jj over j < q (lme4's ldL2). */
  ldL2(): number {
    const { k, q1, rU, r, a11, a22 } = this;
    let s = 0;
    for (let j = 0; j < q1; j++) s += 2 * Math.log(a11[(j - (j % k)) * k + (j % k) * (k + 1)]);
    for (let j = 0; j < rU; j++) s += 2 * Math.log(a22[j * r + j]);
    return s;
  }

  /** The diagonal of L for the random effects (q entries). */
  uDiagonal(): Float64Array {
    const { k, q1, q, rU, r, a11, a22 } = this;
    const d = new Float64Array(q);
    for (let j = 0; j < q1; j++) d[j] = a11[(j - (j % k)) * k + (j % k) * (k + 1)];
    for (let j = 0; j < rU; j++) d[q1 + j] = a22[j * r + j];
    return d;
  }

  /**
   * Solves L Lᵀ x = rhs for the leading m unknowns (q: the random effects with β given;
   * q + p jointly), in the dense solve's order of operations.
   */
  solve(m: number, x: Float64Array): void {
    const { k, q1, r, a11, a21, a22, rhs } = this;
    const rm = m - q1;
    for (let l = 0; l < q1; l += k) {
      const b = l * k;
      for (let c = 0; c < k; c++) {
        let s = rhs[l + c];
        for (let e = 0; e < c; e++) s -= a11[b + c * k + e] * x[l + e];
        x[l + c] = s / a11[b + c * k + c];
      }
    }
    for (let i = 0; i < rm; i++) {
      const row = i * q1;
      let s = rhs[q1 + i];
      for (let j = 0; j < q1; j++) s -= a21[row + j] * x[j];
      for (let j = 0; j < i; j++) s -= a22[i * r + j] * x[q1 + j];
      x[q1 + i] = s / a22[i * r + i];
    }
    for (let i = rm - 1; i >= 0; i--) {
      let s = x[q1 + i];
      for (let j = i + 1; j < rm; j++) s -= a22[j * r + i] * x[q1 + j];
      x[q1 + i] = s / a22[i * r + i];
    }
    for (let l = q1 - k; l >= 0; l -= k) {
      const b = l * k;
      for (let c = k - 1; c >= 0; c--) {
        let s = x[l + c];
        for (let e = c + 1; e < k; e++) s -= a11[b + e * k + c] * x[l + e];
        for (let i = 0; i < rm; i++) s -= a21[i * q1 + l + c] * x[q1 + i];
        x[l + c] = s / a11[b + c * k + c];
      }
    }
  }

  /** The whole factor as a dense (q + p)² row-major lower matrix (needs the fixed effects' rows: assembled jointly). */
  dense(): Float64Array {
    const { k, q1, q, p, r, a11, a21, a22 } = this;
    const full = q + p;
    if (r !== full - q1) throw new Error('PenalizedFactor.dense: the fixed effects were not part of the system');
    const L = new Float64Array(full * full);
    for (let l = 0; l < q1; l += k) for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) L[(l + a) * full + l + b] = a11[l * k + a * k + b];
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < q1; j++) L[(q1 + i) * full + j] = a21[i * q1 + j];
      for (let j = 0; j <= i; j++) L[(q1 + i) * full + q1 + j] = a22[i * r + j];
    }
    return L;
  }
}

/** Crout Cholesky of one k × k row-major lower block at `o`, in choleskyLower's order of operations. */
function choleskyBlock(a: Float64Array, o: number, k: number): boolean {
  for (let i = 0; i < k; i++) {
    const ri = o + i * k;
    for (let j = 0; j < i; j++) {
      const rj = o + j * k;
      let s = a[ri + j];
      for (let e = 0; e < j; e++) s -= a[ri + e] * a[rj + e];
      a[ri + j] = s / a[rj + j];
    }
    let s = a[ri + i];
    for (let e = 0; e < i; e++) s -= a[ri + e] * a[ri + e];
    if (!(s > 0)) return false;
    a[ri + i] = Math.sqrt(s);
  }
  return true;
}
