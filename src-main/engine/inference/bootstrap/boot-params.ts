import { varianceParameters } from '@shared/inference';
import type { ThetaLayout } from '../../lmm/theta';
import { thetaToSdcor } from '../profile/sdcor';

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
  return [...varianceParameters(terms.map((t) => ({ group: t.group, names: t.cnms }))).map((p) => p.name), 'sigma', ...fixedNames];
}

/** Writes the statistic for θ, σ and β into `out` at `at`: the sd/cor scale of the profiles (thetaToSdcor), then β. */
export function bootParameters(layout: ThetaLayout, theta: Float64Array, sigma: number, beta: Float64Array, out: Float64Array, at = 0): void {
  out.set(thetaToSdcor(theta, sigma, layout), at);
  out.set(beta, at + theta.length + 1);
}
