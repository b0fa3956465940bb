/**
 * θ, the parameters of the relative covariance factor Λ(θ), in lme4's layout:
 * term by term, the lower triangle of that term's q × q factor column by column.
 * Diagonal elements are bounded below by 0, off-diagonal ones are free; the
 * start is the identity (lme4's mkReTrms: theta = 1 on the diagonal, 0 elsewhere).
 */
export interface ThetaLayout {
  /** Columns per level of each term. */
  q: Int32Array;
  /** Where each term's parameters start in θ (length terms + 1). */
  offset: Int32Array;
  lower: Float64Array;
  start: Float64Array;
  /** Names as lme4's getME(fit, "theta") labels them ("school.(Intercept)", "school.standLRT.(Intercept)"). */
  names: string[];
}

export function thetaLayout(terms: { q: number; group: string; cnms: string[] }[]): ThetaLayout {
  const q = Int32Array.from(terms, (t) => t.q);
  const offset = new Int32Array(terms.length + 1);
  terms.forEach((t, k) => (offset[k + 1] = offset[k] + (t.q * (t.q + 1)) / 2));
  const m = offset[terms.length];
  const lower = new Float64Array(m);
  const start = new Float64Array(m);
  const names: string[] = [];
  terms.forEach((t, k) => {
    let i = offset[k];
    for (let c = 0; c < t.q; c++) {
      for (let r = c; r < t.q; r++, i++) {
        lower[i] = r === c ? 0 : -Infinity;
        start[i] = r === c ? 1 : 0;
        names.push(r === c ? `${t.group}.${t.cnms[r]}` : `${t.group}.${t.cnms[r]}.${t.cnms[c]}`);
      }
    }
  });
  return { q, offset, lower, start, names };
}

/** Term k's factor Λ_k as a q × q column-major array (upper triangle zero), written into `out`. */
export function termFactor(theta: Float64Array, layout: ThetaLayout, k: number, out: Float64Array): Float64Array {
  const q = layout.q[k];
  out.fill(0, 0, q * q);
  let i = layout.offset[k];
  for (let c = 0; c < q; c++) for (let r = c; r < q; r++) out[c * q + r] = theta[i++];
  return out;
}

/** lme4's isSingular(tol = 1e-4): a parameter bounded at 0 (a diagonal of some Λ_k) below tol. */
export function isSingularTheta(theta: Float64Array, layout: ThetaLayout, tol = 1e-4): boolean {
  for (let i = 0; i < theta.length; i++) if (layout.lower[i] === 0 && theta[i] < tol) return true;
  return false;
}
