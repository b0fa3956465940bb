import type { Blocks } from './blocks';
import { choleskyLower, choleskySmall } from './dense';
import { assembleLater, sortPanels, subtractPanels } from './later-assembly';
import type { Team } from './parallel';
import { zeroPanels } from './supernodal';
import { factorSupernodal } from './supernodal-factor';
import { termFactor, type ThetaLayout } from './theta';

/**
 * The blocked Cholesky factor of
 *
 *   [ Λ'Z'ZΛ + I   Λ'Z'W ]            [ L_ZZ   0    ]
 *   [ W'ZΛ         W'W   ]  =  L Lᵀ,  L = [ L_WZ   L_WW ],   W = [X y],
 *
 * in the layout of the cross-product blocks (blocks.ts). Its last diagonal
 * element is r, the square root of the penalised residual sum of squares, and
 * the leading p × p of L_WW is R_Xᵀ (Bates et al. 2015, section 3.4). Nothing
 * here touches the observations: the cost depends on the levels only.
 */
export interface Factor {
  l11: Float64Array;
  l21: Float64Array;
  /**
   * Q₂ columns and Q₂ + p + 1 rows, row-major, in the later block's fill-reducing order
   * (blocks.later.perm): L22 (zero outside its supernodes' panels), then the rows of L_W2.
   */
  l22: Float64Array;
  lw1: Float64Array;
  /** The last p + 1 rows of l22 (a view): L_W2, its columns in that same order. */
  lw2: Float64Array;
  lww: Float64Array;
  /** Each term's Λ_k (q_k × q_k column-major) for the θ last factored. */
  lambda: Float64Array[];
  /** Scratch: one q₁ × q₁ block, one Q₂ row, and the panels in sorted order (subtractPanels). */
  work: Float64Array;
  work22: Float64Array;
  l21sorted: Float64Array;
  team: Team | null;
  /** log|L_ZZ|², log|R_X|², r². */
  logdetL: number;
  logdetRX: number;
  pwrss: number;
}

/** With a team (parallel.ts), L22 and the sorted panels live in its shared memory and it does their work. */
export function allocateFactor(blocks: Blocks, layout: ThetaLayout, team: Team | null = null): Factor {
  const { a11, a21, aw1, aww } = blocks;
  const { Q2, p } = blocks.layout;
  const l22 = team ? team.l22 : new Float64Array((Q2 + p + 1) * Q2);
  return {
    l11: new Float64Array(a11.length),
    l21: new Float64Array(a21.length),
    l22,
    lw1: new Float64Array(aw1.length),
    lw2: l22.subarray(Q2 * Q2),
    lww: new Float64Array(aww.length),
    lambda: Array.from(layout.q, (q) => new Float64Array(q * q)),
    work: new Float64Array(blocks.layout.q1 * blocks.layout.q1),
    work22: new Float64Array(blocks.layout.Q2),
    l21sorted: team ? team.sorted : new Float64Array(a21.length),
    team,
    logdetL: NaN,
    logdetRX: NaN,
    pwrss: NaN,
  };
}

/** Factors the system at θ into `f`; false when it is not positive definite (the objective is then +∞). */
export function updateFactor(blocks: Blocks, layout: ThetaLayout, theta: Float64Array, f: Factor): boolean {
  for (let k = 0; k < f.lambda.length; k++) termFactor(theta, layout, k, f.lambda[k]);
  const lay = blocks.layout;
  const { q1, nl1, Q1, Q2, p } = lay;
  const P = p + 1;
  const lam1 = f.lambda[0];

  // L11: one q₁ × q₁ Cholesky per level of Λ₁'A_bΛ₁ + I.
  const { l11 } = f;
  let logdetL = 0;
  if (q1 === 1) {
    const l2 = lam1[0] * lam1[0];
    const a11 = blocks.a11;
    for (let b = 0; b < nl1; b++) {
      const d = Math.sqrt(l2 * a11[b] + 1);
      l11[b] = d;
      logdetL += Math.log(d);
    }
  } else {
    const tmp = f.work;
    for (let b = 0, off = 0; b < nl1; b++, off += q1 * q1) {
      congruence(blocks.a11, off, lam1, q1, tmp, l11);
      for (let j = 0; j < q1; j++) l11[off + j * q1 + j] += 1;
      if (!choleskySmall(l11, off, q1)) return false;
      for (let j = 0; j < q1; j++) logdetL += Math.log(l11[off + j * q1 + j]);
    }
  }

  // L21 panels: Λ₂'A21_bΛ₁ L11_b⁻ᵀ.
  const { rowPtr, rowIndex, panelStart, rowTerm, rowWithin } = lay;
  const l21 = f.l21;
  if (Q2 > 0) panelsL21(blocks, layout, f);

  // L_W1: row j of W'Z₁Λ₁, each level's piece solved with L11_b.
  const lw1 = f.lw1;
  lw1.set(blocks.aw1);
  if (q1 === 1) {
    const lam = lam1[0];
    for (let j = 0; j < P; j++) for (let b = 0, o = j * Q1; b < nl1; b++) lw1[o + b] = (lw1[o + b] * lam) / l11[b];
  } else {
    for (let j = 0; j < P; j++) {
      for (let b = 0; b < nl1; b++) {
        const o = j * Q1 + b * q1;
        applyLambdaRight(lw1, o, 1, lam1, q1);
        solveLowerSmall(l11, b * q1 * q1, q1, lw1, o, 1);
      }
    }
  }

  // The right-hand sides of L_W2 = (W'Z₂Λ₂ − L_W1 L21ᵀ) L22⁻ᵀ: each row formed in the original
  // order (in `work22`), put in the new order as the rows below L22 (lw2 is a view of them); the
  // factorisation of L22 solves them as it goes.
  const lw2 = f.lw2;
  const later = blocks.later;
  if (Q2 > 0) {
    const w2 = f.work22;
    const { perm } = later;
    for (let j = 0; j < P; j++) {
      const o = j * Q2;
      w2.set(blocks.aw2.subarray(o, o + Q2));
      for (let r = 0; r < Q2; r++) {
        if (rowWithin[r] !== 0) continue;
        const k = rowTerm[r];
        applyLambdaRight(w2, r, 1, f.lambda[k], layout.q[k]);
      }
      for (let b = 0; b < nl1; b++) {
        const r0 = rowPtr[b];
        const nr = rowPtr[b + 1] - r0;
        const base = panelStart[b];
        for (let c = 0; c < q1; c++) {
          const w = lw1[j * Q1 + b * q1 + c];
          if (w === 0) continue;
          const col = base + c * nr;
          for (let r = 0; r < nr; r++) w2[rowIndex[r0 + r]] -= w * l21[col + r];
        }
      }
      for (let t = 0; t < Q2; t++) lw2[o + t] = w2[perm[t]];
    }
  }

  // L22 = chol(Λ₂'A22Λ₂ + I − Σ_b P_b P_bᵀ), in the block's fill-reducing order, and L_W2.
  const l22 = f.l22;
  if (Q2 > 0) {
    zeroPanels(l22, later.sn);
    assembleLater(later, Q2, f.lambda, layout.q, rowTerm, l22);
    sortPanels(lay, later, l21, f.l21sorted);
    const { sn } = later;
    if (f.team) {
      if (!f.team.run(lay, later)) return false;
    } else {
      subtractPanels(lay, later, f.l21sorted, l22, 0, Q2);
      if (!factorSupernodal(l22, Q2, P, sn.start, sn.rowPtr, sn.rows)) return false;
    }
    for (let i = 0; i < Q2; i++) logdetL += Math.log(l22[i * Q2 + i]);
  }

  // L_WW = chol(W'W − L_W1 L_W1ᵀ − L_W2 L_W2ᵀ).
  const lww = f.lww;
  lww.set(blocks.aww);
  for (let j = 0; j < P; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let c = 0, oj = j * Q1, ok = k * Q1; c < Q1; c++) s += lw1[oj + c] * lw1[ok + c];
      for (let c = 0, oj = j * Q2, ok = k * Q2; c < Q2; c++) s += lw2[oj + c] * lw2[ok + c];
      lww[j * P + k] -= s;
    }
  }
  if (!choleskyLower(lww, P)) return false;
  let logdetRX = 0;
  for (let j = 0; j < p; j++) logdetRX += Math.log(lww[j * P + j]);
  const r = lww[P * P - 1];
  f.logdetL = 2 * logdetL;
  f.logdetRX = 2 * logdetRX;
  f.pwrss = r * r;
  return true;
}

/** L21_b = Λ₂'A21_bΛ₁ L11_b⁻ᵀ for every panel (one division per entry when every term is scalar). */
function panelsL21(blocks: Blocks, layout: ThetaLayout, f: Factor): void {
  const { q1, nl1, rowPtr, rowIndex, panelStart, rowTerm, rowWithin } = blocks.layout;
  const { l21, l11, lambda } = f;
  const lam1 = lambda[0];
  l21.set(blocks.a21);
  if (q1 === 1 && layout.q.every((q) => q === 1)) {
    const lam = Float64Array.from(lambda, (l) => l[0]);
    const l1 = lam1[0];
    for (let b = 0; b < nl1; b++) {
      const scale = l1 / l11[b];
      for (let t = rowPtr[b]; t < rowPtr[b + 1]; t++) l21[t] *= lam[rowTerm[rowIndex[t]]] * scale;
    }
    return;
  }
  for (let b = 0; b < nl1; b++) {
    const r0 = rowPtr[b];
    const nr = rowPtr[b + 1] - r0;
    const base = panelStart[b];
    for (let c = 0; c < q1; c++) {
      for (let r = 0; r < nr; r++) {
        if (rowWithin[rowIndex[r0 + r]] !== 0) continue;
        const k = rowTerm[rowIndex[r0 + r]];
        applyLambdaT(l21, base + c * nr + r, 1, lambda[k], layout.q[k]);
      }
    }
    for (let r = 0; r < nr; r++) {
      applyLambdaRight(l21, base + r, nr, lam1, q1);
      solveLowerSmall(l11, b * q1 * q1, q1, l21, base + r, nr);
    }
  }
}

/** out[off..] = Λᵀ A Λ for the q × q column-major block of `a` at `off`. */
function congruence(a: Float64Array, off: number, lam: Float64Array, q: number, tmp: Float64Array, out: Float64Array): void {
  // tmp = A Λ (Λ lower: column c of AΛ uses columns t ≥ c of A).
  for (let c = 0; c < q; c++) {
    for (let r = 0; r < q; r++) {
      let s = 0;
      for (let t = c; t < q; t++) s += a[off + t * q + r] * lam[c * q + t];
      tmp[c * q + r] = s;
    }
  }
  for (let c = 0; c < q; c++) {
    for (let r = 0; r < q; r++) {
      let s = 0;
      for (let t = r; t < q; t++) s += lam[r * q + t] * tmp[c * q + t];
      out[off + c * q + r] = s;
    }
  }
}

/** x ← Λᵀx for the q values x[off], x[off + stride], … (in place: entry s needs entries ≥ s only). */
function applyLambdaT(x: Float64Array, off: number, stride: number, lam: Float64Array, q: number): void {
  for (let s = 0; s < q; s++) {
    let v = 0;
    for (let t = s; t < q; t++) v += lam[s * q + t] * x[off + t * stride];
    x[off + s * stride] = v;
  }
}

/** The row vector x ← xΛ for the q values x[off], x[off + stride], …: (xΛ)_c = Σ_{t ≥ c} x_t Λ[t, c]. */
export function applyLambdaRight(x: Float64Array, off: number, stride: number, lam: Float64Array, q: number): void {
  for (let c = 0; c < q; c++) {
    let v = 0;
    for (let t = c; t < q; t++) v += x[off + t * stride] * lam[c * q + t];
    x[off + c * stride] = v;
  }
}

/** Solves L v = x in place for a q × q column-major lower block of `L` at `lOff`; x strided. */
export function solveLowerSmall(L: Float64Array, lOff: number, q: number, x: Float64Array, off: number, stride: number): void {
  for (let c = 0; c < q; c++) {
    let v = x[off + c * stride];
    for (let t = 0; t < c; t++) v -= L[lOff + t * q + c] * x[off + t * stride];
    x[off + c * stride] = v / L[lOff + c * q + c];
  }
}
