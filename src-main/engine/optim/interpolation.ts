/**
 * The interpolation set, its quadratic model and the inverse KKT matrix of BOBYQA
 * (M.J.D. Powell, "The BOBYQA algorithm for bound constrained optimization without
 * derivatives", Cambridge NA Report NA2009/06; his subroutines PRELIM and UPDATE).
 *
 * m points y_k (stored relative to a base point xbase) interpolate f. The model is
 *   Q(xopt + d) = f(xopt) + gopt·d + ½ dᵀ(hq + Σ_k pq_k y_k y_kᵀ) d,
 * and each time one point is replaced the model changes by the least Frobenius norm
 * of its second-derivative matrix that restores interpolation. That needs
 * H = W⁻¹, the inverse of the KKT matrix W = [A Yᵀ; Y 0], A_ij = ½(y_i·y_j)²,
 * Y = [1 … 1; y_1 … y_m]. H = [Ω Ξᵀ; Ξ Υ] is kept as
 *   Ω = Z Zᵀ (Z is m × (m−n−1); Ω is positive semidefinite of that rank),
 *   bmat rows 0..m−1 = the last n rows of Ξ, transposed (row k: gradient part of Λ_k),
 *   bmat rows m..m+n−1 = the last n rows and columns of Υ.
 * The first row of Ξ and of Υ (the constant term) is never needed: every vector H
 * is applied to is a difference w(x⁺) − w(xopt), whose constant component is zero.
 * Column k of H holds the coefficients of the Lagrange function Λ_k (Λ_k(y_j) = δ_kj).
 */
export class QuadraticModel {
  readonly nz: number;
  /** Base point, in the optimiser's (scaled) variables; every other vector is relative to it. */
  readonly xbase: Float64Array;
  /** m × n, row k = y_k − xbase. */
  readonly xpt: Float64Array;
  readonly fval: Float64Array;
  kopt = 0;
  readonly xopt: Float64Array;
  /** Gradient of the model at xopt. */
  readonly gopt: Float64Array;
  /** Explicit part of the model's second derivatives, n × n, symmetric, full storage. */
  readonly hq: Float64Array;
  /** Implicit part: ∇²Q = hq + Σ_k pq_k y_k y_kᵀ. */
  readonly pq: Float64Array;
  /** (m + n) × n, see the file comment. */
  readonly bmat: Float64Array;
  /** m × nz, Ω = Z Zᵀ. */
  readonly zmat: Float64Array;
  /** Bounds relative to xbase (±Infinity where unbounded). */
  readonly sl: Float64Array;
  readonly su: Float64Array;
  private readonly work: Float64Array;
  private readonly work2: Float64Array;

  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    this.nz = m - n - 1;
    this.xbase = new Float64Array(n);
    this.xpt = new Float64Array(m * n);
    this.fval = new Float64Array(m);
    this.xopt = new Float64Array(n);
    this.gopt = new Float64Array(n);
    this.hq = new Float64Array(n * n);
    this.pq = new Float64Array(m);
    this.bmat = new Float64Array((m + n) * n);
    this.zmat = new Float64Array(m * this.nz);
    this.sl = new Float64Array(n);
    this.su = new Float64Array(n);
    this.work = new Float64Array(Math.max(m, n) + n);
    this.work2 = new Float64Array(Math.max(m, n));
  }

  get fopt(): number {
    return this.fval[this.kopt];
  }

  /**
   * Starts from the axis set: y_0 = base, y_{j+1} = base + σ_j e_j for every j, and
   * y_{n+1+j} = base + τ_j e_j for j < m−n−1. The minimum-Frobenius-norm model is
   * then the quadratic along each axis (zero curvature on axes with one point), and
   * H = W⁻¹ has a closed form. On an axis with two points (a = j+1, b = n+1+j) the
   * Lagrange functions' second derivatives are h_j·v with v_0 = 1/(στ),
   * v_a = 1/(σ(σ−τ)), v_b = −1/(τ(σ−τ)), and h_j = 2 v·r for values r, so Ω gains
   * 2vvᵀ: one column √2·v of Z. The gradient rows of Ξ hold the derivative of that
   * axis' quadratic at the base: −(σ+τ)/(στ), τ/(σ(τ−σ)), −σ/(τ(τ−σ)) for points
   * 0, a, b; on a one-point axis −1/σ and 1/σ, with Υ_jj = −σ²/2 (the only nonzero of Υ).
   */
  initAxisSet(
    base: Float64Array,
    lower: Float64Array,
    upper: Float64Array,
    sigma: Float64Array,
    tau: Float64Array,
    values: Float64Array,
  ): void {
    const { n, m, nz } = this;
    this.xbase.set(base);
    for (let j = 0; j < n; j++) {
      this.sl[j] = lower[j] - base[j];
      this.su[j] = upper[j] - base[j];
    }
    this.xpt.fill(0);
    this.bmat.fill(0);
    this.zmat.fill(0);
    this.hq.fill(0);
    this.pq.fill(0);
    this.fval.set(values.subarray(0, m));
    const f0 = values[0];
    for (let j = 0; j < n; j++) {
      const s = sigma[j];
      const a = j + 1;
      this.xpt[a * n + j] = s;
      const slopeA = (values[a] - f0) / s;
      if (j < nz) {
        const t = tau[j];
        const b = n + 1 + j;
        this.xpt[b * n + j] = t;
        const slopeB = (values[b] - f0) / t;
        const h = (2 * (slopeB - slopeA)) / (t - s);
        this.hq[j * n + j] = h;
        this.gopt[j] = slopeA - 0.5 * h * s;
        this.bmat[0 * n + j] = -(s + t) / (s * t);
        this.bmat[a * n + j] = t / (s * (t - s));
        this.bmat[b * n + j] = -s / (t * (t - s));
        const r2 = Math.SQRT2;
        this.zmat[0 * nz + j] = r2 / (s * t);
        this.zmat[a * nz + j] = r2 / (s * (s - t));
        this.zmat[b * nz + j] = -r2 / (t * (s - t));
      } else {
        this.gopt[j] = slopeA;
        this.bmat[0 * n + j] = -1 / s;
        this.bmat[a * n + j] = 1 / s;
        this.bmat[(m + j) * n + j] = -0.5 * s * s;
      }
    }
    let kopt = 0;
    for (let k = 1; k < m; k++) if (values[k] < values[kopt]) kopt = k;
    this.kopt = kopt;
    for (let j = 0; j < n; j++) this.xopt[j] = this.xpt[kopt * n + j];
    // gopt so far is the gradient at xbase; move it to xopt.
    for (let j = 0; j < n; j++) this.gopt[j] += this.hq[j * n + j] * this.xopt[j];
  }

  /** out = ∇²Q · v. */
  hessVec(v: Float64Array, out: Float64Array): void {
    const { n, m, xpt, hq, pq } = this;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += hq[i * n + j] * v[j];
      out[i] = s;
    }
    for (let k = 0; k < m; k++) {
      if (pq[k] === 0) continue;
      let yv = 0;
      for (let j = 0; j < n; j++) yv += xpt[k * n + j] * v[j];
      const c = pq[k] * yv;
      for (let j = 0; j < n; j++) out[j] += c * xpt[k * n + j];
    }
  }

  /** Q(xopt + d) − Q(xopt). */
  modelChange(d: Float64Array): number {
    const hd = this.work.subarray(0, this.n);
    this.hessVec(d, hd);
    let q = 0;
    for (let j = 0; j < this.n; j++) q += d[j] * (this.gopt[j] + 0.5 * hd[j]);
    return q;
  }

  /** Ω_kk = Σ_c Z_kc²: the first factor of the updating denominator for point k. */
  omegaDiag(k: number): number {
    const { nz, zmat } = this;
    let s = 0;
    for (let c = 0; c < nz; c++) s += zmat[k * nz + c] * zmat[k * nz + c];
    return s;
  }

  /**
   * For x⁺ = xopt + d: vlag[0..m) = Λ_k(x⁺) for every k, vlag[m..m+n) = the last n
   * components of H·w(x⁺); returns β = ½‖x⁺‖⁴ − w(x⁺)ᵀHw(x⁺) (relative to xbase).
   * Both are formed from w(x⁺) − w(xopt), whose terms are products of small
   * numbers when d is small, so the cancellation in the textbook formula is avoided.
   */
  lagrangeValues(d: Float64Array, vlag: Float64Array): number {
    const { n, m, nz, xpt, xopt, bmat, zmat } = this;
    const w = this.work2;
    let xoptsq = 0;
    let xd = 0;
    let dd = 0;
    for (let j = 0; j < n; j++) {
      xoptsq += xopt[j] * xopt[j];
      xd += xopt[j] * d[j];
      dd += d[j] * d[j];
    }
    for (let k = 0; k < m; k++) {
      let yd = 0;
      let yx = 0;
      for (let j = 0; j < n; j++) {
        yd += xpt[k * n + j] * d[j];
        yx += xpt[k * n + j] * xopt[j];
      }
      w[k] = yd * (0.5 * yd + yx);
      let s = 0;
      for (let j = 0; j < n; j++) s += bmat[k * n + j] * d[j];
      vlag[k] = s;
    }
    // vHv = wᵀΩw + 2 dᵀΞw + dᵀΥd, gathered as wᵀΩw + d·(Ξw) + d·(Ξw + Υd).
    let vHv = 0;
    for (let j = 0; j < n; j++) {
      let xiw = 0;
      for (let k = 0; k < m; k++) xiw += bmat[k * n + j] * w[k];
      let ud = 0;
      for (let i = 0; i < n; i++) ud += bmat[(m + i) * n + j] * d[i];
      vlag[m + j] = xiw + ud;
      vHv += d[j] * (2 * xiw + ud);
    }
    for (let c = 0; c < nz; c++) {
      let zw = 0;
      for (let k = 0; k < m; k++) zw += zmat[k * nz + c] * w[k];
      vHv += zw * zw;
      for (let k = 0; k < m; k++) vlag[k] += zw * zmat[k * nz + c];
    }
    vlag[this.kopt] += 1;
    return xd * xd + dd * (xoptsq + 2 * xd + 0.5 * dd) - vHv;
  }

  /**
   * H for the set in which y_t is replaced by x⁺, from vlag and β of x⁺ and
   * denom = Ω_tt·β + vlag_t² (> 0), by the updating formula of section 4 (NEWUOA
   * paper eq. 4.11). Givens rotations first leave row t of Z one nonzero (ζ, in
   * column 0); then the whole Ω change is a rank-one replacement of that column,
   * z₀ ← (τ z₀ + ζ(e_t − Hw))/√denom, which keeps Ω = ZZᵀ exactly semidefinite.
   * Destroys vlag.
   */
  updateInverse(t: number, vlag: Float64Array, beta: number, denom: number): void {
    const { n, m, nz, zmat, bmat } = this;
    let zmax = 0;
    for (let i = 0; i < m * nz; i++) zmax = Math.max(zmax, Math.abs(zmat[i]));
    const ztest = 1e-20 * zmax;
    for (let c = 1; c < nz; c++) {
      const b0 = zmat[t * nz + c];
      if (Math.abs(b0) <= ztest) {
        zmat[t * nz + c] = 0;
        continue;
      }
      const a0 = zmat[t * nz];
      const r = Math.hypot(a0, b0);
      const ca = a0 / r;
      const cb = b0 / r;
      for (let i = 0; i < m; i++) {
        const a = zmat[i * nz];
        const b = zmat[i * nz + c];
        zmat[i * nz] = ca * a + cb * b;
        zmat[i * nz + c] = ca * b - cb * a;
      }
      zmat[t * nz + c] = 0;
    }
    const zeta = zmat[t * nz];
    const h = this.work; // h = H e_t: ζ z₀ on the first m, old bmat row t on the last n
    for (let i = 0; i < m; i++) h[i] = zeta * zmat[i * nz];
    for (let j = 0; j < n; j++) h[m + j] = bmat[t * n + j];
    const alpha = zeta * zeta;
    const tau = vlag[t];
    vlag[t] -= 1;
    const root = Math.sqrt(denom);
    for (let i = 0; i < m; i++) zmat[i * nz] = (tau * zmat[i * nz] - zeta * vlag[i]) / root;
    for (let j = 0; j < n; j++) {
      const ta = (alpha * vlag[m + j] - tau * h[m + j]) / denom;
      const tb = (-beta * h[m + j] - tau * vlag[m + j]) / denom;
      for (let i = 0; i < m; i++) bmat[i * n + j] += ta * vlag[i] + tb * h[i];
      for (let l = 0; l <= j; l++) {
        const v = bmat[(m + l) * n + j] + ta * vlag[m + l] + tb * h[m + l];
        bmat[(m + l) * n + j] = v;
        bmat[(m + j) * n + l] = v;
      }
    }
  }

  /**
   * Replaces y_t by xopt + d with value f after `updateInverse(t, …)`; `diff` is
   * f − Q_old(xopt + d). The model gains diff·Λ_t (the least change of ∇²Q that
   * interpolates the new value), and xopt moves if f is the new least value.
   */
  replacePoint(t: number, d: Float64Array, f: number, diff: number): void {
    const { n, m, nz, xpt, hq, pq, zmat, bmat, xopt, gopt } = this;
    const pt = pq[t];
    if (pt !== 0) {
      for (let i = 0; i < n; i++) {
        const yi = xpt[t * n + i];
        for (let j = 0; j < n; j++) hq[i * n + j] += pt * yi * xpt[t * n + j];
      }
      pq[t] = 0;
    }
    for (let j = 0; j < n; j++) xpt[t * n + j] = xopt[j] + d[j];
    const fopt = this.fopt;
    this.fval[t] = f;
    const lambda = this.work2; // Ω e_t of the new set
    lambda.fill(0, 0, m);
    for (let c = 0; c < nz; c++) {
      const zt = zmat[t * nz + c];
      if (zt === 0) continue;
      for (let k = 0; k < m; k++) lambda[k] += zt * zmat[k * nz + c];
    }
    for (let k = 0; k < m; k++) pq[k] += diff * lambda[k];
    for (let j = 0; j < n; j++) gopt[j] += diff * bmat[t * n + j];
    for (let k = 0; k < m; k++) {
      let yx = 0;
      for (let j = 0; j < n; j++) yx += xpt[k * n + j] * xopt[j];
      const c = diff * lambda[k] * yx;
      for (let j = 0; j < n; j++) gopt[j] += c * xpt[k * n + j];
    }
    if (f < fopt) {
      this.kopt = t;
      const hd = this.work.subarray(0, n);
      this.hessVec(d, hd);
      for (let j = 0; j < n; j++) {
        xopt[j] = xpt[t * n + j];
        gopt[j] += hd[j];
      }
    }
  }

  /**
   * Gradient at xopt of the least Frobenius norm interpolant of the current values
   * (∇²Q = Σ λ_k y_k y_kᵀ, λ = Ω(f − fopt)); λ goes to `lambda`.
   */
  leastNormInterpolant(lambda: Float64Array, grad: Float64Array): void {
    const { n, m, nz, xpt, zmat, bmat, xopt, fval } = this;
    const fopt = this.fopt;
    lambda.fill(0, 0, m);
    for (let c = 0; c < nz; c++) {
      let zr = 0;
      for (let k = 0; k < m; k++) zr += zmat[k * nz + c] * (fval[k] - fopt);
      for (let k = 0; k < m; k++) lambda[k] += zr * zmat[k * nz + c];
    }
    grad.fill(0, 0, n);
    for (let k = 0; k < m; k++) {
      const r = fval[k] - fopt;
      let yx = 0;
      for (let j = 0; j < n; j++) yx += xpt[k * n + j] * xopt[j];
      for (let j = 0; j < n; j++) grad[j] += r * bmat[k * n + j] + lambda[k] * yx * xpt[k * n + j];
    }
  }

  /** Makes the least Frobenius norm interpolant (from `leastNormInterpolant`) the model. */
  replaceModel(lambda: Float64Array, grad: Float64Array): void {
    this.hq.fill(0);
    this.pq.set(lambda.subarray(0, this.m));
    this.gopt.set(grad.subarray(0, this.n));
  }

  /**
   * Moves xbase to xbase + xopt, which keeps the terms of w(x) small when the
   * points have drifted far from the base (rounding in H grows with ‖xopt‖⁴).
   * Ω is unchanged by a shift of origin (its columns satisfy Σλ_k = 0 and
   * Σλ_k y_k = 0); with V_k = ((y_k − s/2)·s)(y_k − s/2) + ¼‖s‖² s the rest
   * becomes Ξ' = Ξ + VΩ, Υ' = Υ + VΞᵀ + ΞVᵀ + VΩVᵀ (the shift of XBASE in Powell's
   * NEWUOA and BOBYQA; checked against a dense W⁻¹ in the tests).
   */
  shiftBase(): void {
    const { n, m, nz, xpt, zmat, bmat, hq, pq, xopt } = this;
    const s = Float64Array.from(xopt);
    let ss = 0;
    for (let j = 0; j < n; j++) ss += s[j] * s[j];
    const v = new Float64Array(m * n);
    const pv = new Float64Array(n); // Σ pq_k (y_k − s/2), for the hq update
    for (let k = 0; k < m; k++) {
      let ys = 0;
      for (let j = 0; j < n; j++) ys += xpt[k * n + j] * s[j];
      const sum = ys - 0.5 * ss;
      for (let j = 0; j < n; j++) {
        const yh = xpt[k * n + j] - 0.5 * s[j];
        v[k * n + j] = sum * yh + 0.25 * ss * s[j];
        pv[j] += pq[k] * yh;
      }
    }
    // Υ += VΞᵀ + ΞVᵀ with the old Ξ (bmat rows < m hold Ξᵀ).
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let acc = 0;
        for (let k = 0; k < m; k++) acc += v[k * n + i] * bmat[k * n + j] + bmat[k * n + i] * v[k * n + j];
        bmat[(m + i) * n + j] += acc;
        if (j !== i) bmat[(m + j) * n + i] += acc;
      }
    }
    // Ξ += VΩ and Υ += (VZ)(VZ)ᵀ.
    const vz = new Float64Array(n);
    for (let c = 0; c < nz; c++) {
      vz.fill(0);
      for (let k = 0; k < m; k++) {
        const z = zmat[k * nz + c];
        for (let j = 0; j < n; j++) vz[j] += v[k * n + j] * z;
      }
      for (let k = 0; k < m; k++) {
        const z = zmat[k * nz + c];
        for (let j = 0; j < n; j++) bmat[k * n + j] += vz[j] * z;
      }
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bmat[(m + i) * n + j] += vz[i] * vz[j];
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) hq[i * n + j] += pv[i] * s[j] + s[i] * pv[j];
    for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) xpt[k * n + j] -= s[j];
    for (let j = 0; j < n; j++) {
      this.xbase[j] += s[j];
      this.sl[j] -= s[j];
      this.su[j] -= s[j];
      xopt[j] = 0;
    }
    for (let j = 0; j < n; j++) xpt[this.kopt * n + j] = 0;
  }
}
