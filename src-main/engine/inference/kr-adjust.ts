import type { LmmModel } from '../lmm/model';
import type { RandomSpace } from './kr-random-space';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { mul, symmetricInverse, traceOfProduct } from './kr-small-dense';

/**
 * pbkrtest's vcovAdj: the Kenward-Roger adjusted covariance of β̂,
 *
 *   Φ_A = Φ + 2Φ [Σ_ij W_ij (Q_ij − P_i Φ P_j)] Φ,   W = 2 I_E⁻¹,
 *   I_E[i, j] = tr(V⁻¹G_iV⁻¹G_j) − 2 tr(Φ Q_ij) + tr(Φ P_i Φ P_j)  (= tr(P G_i P G_j), P the REML projection),
 *   P_i = −XᵀV⁻¹G_iV⁻¹X,  Q_ij = XᵀV⁻¹G_iV⁻¹G_jV⁻¹X,  G_i = ∂V/∂γ_i,
 *
 * with pbkrtest's variance parameters γ: for each term, the entries of its covariance matrix
 * (lower triangle, column by column, as VarCorr's matrix), then σ². V is linear in γ, so
 * Kenward and Roger's second-derivative term is zero, as pbkrtest takes it. For a covariance
 * entry of term k, G = Z E Zᵀ with E selecting components (a, b) and (b, a) within each
 * level's block, so every product above reduces to the random-effects space (kr-random-space.ts).
 */
export interface KrAdjustment {
  /** Φ = (XᵀV⁻¹X)⁻¹ (lme4's vcov) and Φ_A, p × p row-major. */
  phi: Float64Array;
  phiA: Float64Array;
  /** P_i, one p × p matrix per variance parameter (attr(PhiA, "P")). */
  P: Float64Array[];
  /** W = 2 I_E⁻¹ (attr(PhiA, "W")), m × m for m parameters. */
  W: Float64Array;
  m: number;
  /** min |eigenvalue| of I_E; at or below 1e-10 pbkrtest uses the generalized inverse. */
  condition: number;
}

/** The nonzero entries (row, column) of one E: both orders of (a, b) in every level's block. */
interface Entries {
  rows: Int32Array;
  cols: Int32Array;
}

export function varianceParameterEntries(model: LmmModel, space: RandomSpace): Entries[] {
  const out: Entries[] = [];
  model.random.terms.forEach((t, k) => {
    for (let b = 0; b < t.q; b++) {
      for (let a = b; a < t.q; a++) {
        const per = a === b ? 1 : 2;
        const rows = new Int32Array(t.nl * per);
        const cols = new Int32Array(t.nl * per);
        for (let l = 0, e = 0; l < t.nl; l++) {
          const base = space.off[k] + l * t.q;
          rows[e] = base + a;
          cols[e++] = base + b;
          if (per === 2) {
            rows[e] = base + b;
            cols[e++] = base + a;
          }
        }
        out.push({ rows, cols });
      }
    }
  });
  return out;
}

export function krAdjustment(model: LmmModel, space: RandomSpace, phi: Float64Array): KrAdjustment {
  const { p, q, A, B, B2 } = space;
  const entries = varianceParameterEntries(model, space);
  const r = entries.length;
  const m = r + 1;

  // P_i = −Bᵀ E_i B = −Σ over E_i's entries (row, col) of B[row]ᵀ B[col]; P_σ² = −XᵀV⁻²X.
  const P: Float64Array[] = entries.map((e) => {
    const out = new Float64Array(p * p);
    addOuterSum(out, B, B, e.rows, e.cols, p, -1);
    return out;
  });
  P.push(space.XV2X.map((v) => -v));

  // Y_j = A E_j B (q × p): column x of A at E_j's rows times B's rows at its columns.
  const Y = entries.map((e) => {
    const out = new Float64Array(q * p);
    for (let t = 0; t < e.rows.length; t++) {
      const rr = e.rows[t];
      const bc = e.cols[t] * p;
      for (let x = 0; x < q; x++) {
        const a = A[x * q + rr];
        if (a === 0) continue;
        const ox = x * p;
        for (let j = 0; j < p; j++) out[ox + j] += a * B[bc + j];
      }
    }
    return out;
  });
  // Q_ij = (E_i B)ᵀ Y_j, Q_iσ = (E_i B)ᵀ ZᵀV⁻²X, Q_σi = Q_iσᵀ, Q_σσ = XᵀV⁻³X.
  const Q = (i: number, j: number): Float64Array => {
    if (i === r && j === r) return space.XV3X;
    if (i === r) return transposeSquare(Q(j, i), p);
    const out = new Float64Array(p * p);
    const e = entries[i];
    // (E_i B)[row] = B[col] for each entry, so (E_i B)ᵀ Y = Σ_entries B[col]ᵀ Y[row].
    addOuterSum(out, B, j === r ? B2 : Y[j], e.cols, e.rows, p, 1);
    return out;
  };

  // tr(V⁻¹G_iV⁻¹G_j) = tr(E_i A E_j A) = Σ E_i[r, c] A[c, r'] E_j[r', c'] A[c', r]; tr(V⁻¹G_iV⁻¹) = tr(E_i ZᵀV⁻²Z); tr(V⁻²).
  const K = new Float64Array(m * m);
  for (let i = 0; i < r; i++) {
    const ei = entries[i];
    for (let j = i; j < r; j++) {
      const ej = entries[j];
      let s = 0;
      for (let a = 0; a < ei.rows.length; a++) {
        const ca = ei.cols[a] * q;
        const ra = ei.rows[a];
        for (let b = 0; b < ej.rows.length; b++) s += A[ca + ej.rows[b]] * A[ej.cols[b] * q + ra];
      }
      K[i * m + j] = K[j * m + i] = s;
    }
    let s = 0;
    for (let a = 0; a < ei.rows.length; a++) s += space.A2at(ei.cols[a], ei.rows[a]);
    K[i * m + r] = K[r * m + i] = s;
  }
  K[r * m + r] = space.trV2;

  const phiP = P.map((Pi) => mul(phi, Pi, p));
  const QQ: Float64Array[][] = [];
  const IE = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    QQ.push([]);
    for (let j = 0; j < m; j++) QQ[i].push(Q(i, j));
  }
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const v = K[i * m + j] - 2 * traceOfProduct(phi, QQ[i][j], p) + traceOfProduct(phiP[i], phiP[j], p);
      IE[i * m + j] = IE[j * m + i] = v;
    }
  }
  const eig = symmetricEigen(IE, m);
  let condition = Infinity;
  for (const v of eig.values) condition = Math.min(condition, Math.abs(v));
  const W = symmetricInverse(eig, m, !(condition > 1e-10)).map((v) => 2 * v);

  // UU = Σ_ij W_ij (Q_ij − P_i Φ P_j); Φ_A = Φ + 2 Φ UU Φ.
  const UU = new Float64Array(p * p);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const w = W[i * m + j];
      if (w === 0) continue;
      const PiPhiPj = mul(P[i], phiP[j], p);
      const Qij = QQ[i][j];
      for (let t = 0; t < p * p; t++) UU[t] += w * (Qij[t] - PiPhiPj[t]);
    }
  }
  const correction = mul(mul(phi, UU, p), phi, p);
  const phiA = phi.map((v, t) => v + 2 * correction[t]);
  // Symmetrise: the sums above are symmetric up to rounding.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = (phiA[i * p + j] + phiA[j * p + i]) / 2;
      phiA[i * p + j] = phiA[j * p + i] = v;
    }
  }
  return { phi, phiA, P, W, m, condition };
}

/** out += sign · Σ_t x[ia[t]]ᵀ y[ib[t]] (rows of two q × p matrices, outer products into p × p). */
function addOuterSum(out: Float64Array, x: Float64Array, y: Float64Array, ia: Int32Array, ib: Int32Array, p: number, sign: number): void {
  for (let t = 0; t < ia.length; t++) {
    const xa = ia[t] * p;
    const yb = ib[t] * p;
    for (let i = 0; i < p; i++) {
      const v = sign * x[xa + i];
      if (v === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += v * y[yb + j];
    }
  }
}

function transposeSquare(a: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[j * p + i] = a[i * p + j];
  return out;
}
