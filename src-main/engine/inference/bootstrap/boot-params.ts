import type { ThetaLayout } from '../../lmm/theta';

/**
 * The statistic confint(fit, method = "boot") has bootMer collect from every
 * refit: per random-effects term the standard deviations and correlations of
 * σ²ΛΛᵀ (lme4's Cv_to_Sv: the lower triangle column by column, sd on the
 * diagonal, correlations below), then σ, then the fixed effects. A correlation
 * with a zero standard deviation is 0, as cov2sdcor sets it.
 */
export function bootParameterCount(layout: ThetaLayout, p: number): number {
  return layout.lower.length + 1 + p;
}

/** lme4's names for them (profnames with oldNames = FALSE): "sd_(Intercept)|school", "cor_standLRT.(Intercept)|school", "sigma", then the fixed effects. */
export function bootParameterNames(terms: readonly { group: string; cnms: readonly string[] }[], fixedNames: readonly string[]): string[] {
  const names: string[] = [];
  for (const t of terms) {
    const q = t.cnms.length;
    for (let c = 0; c < q; c++) {
      for (let r = c; r < q; r++) names.push(r === c ? `sd_${t.cnms[r]}|${t.group}` : `cor_${t.cnms[r]}.${t.cnms[c]}|${t.group}`);
    }
  }
  names.push('sigma', ...fixedNames);
  return names;
}

/** Writes the statistic for θ, σ and β into `out` at `at`. */
export function bootParameters(layout: ThetaLayout, theta: Float64Array, sigma: number, beta: Float64Array, out: Float64Array, at = 0): void {
  let o = at;
  for (let k = 0; k < layout.q.length; k++) {
    const q = layout.q[k];
    const base = layout.offset[k];
    // Λ's lower triangle column by column is θ's own layout: Λ[r, c] = θ[base + index(r, c)].
    const lam = (r: number, c: number): number => theta[base + c * q - (c * (c - 1)) / 2 + (r - c)];
    const cov = (r: number, c: number): number => {
      let s = 0;
      for (let j = 0; j <= Math.min(r, c); j++) s += lam(r, j) * lam(c, j);
      return s * (sigma * sigma);
    };
    const sd = new Float64Array(q);
    for (let r = 0; r < q; r++) sd[r] = Math.sqrt(cov(r, r));
    for (let c = 0; c < q; c++) {
      for (let r = c; r < q; r++) {
        if (r === c) out[o++] = sd[r];
        else {
          const v = cov(r, c) / (sd[r] * sd[c]);
          out[o++] = Number.isNaN(v) ? 0 : v;
        }
      }
    }
  }
  out[o++] = sigma;
  out.set(beta, o);
}
