import { varianceParameters } from '@shared/inference';
import { formatConfintMatrix } from './confint-text';

/** The stored names a Wald interval table needs: the random-effects terms (NA rows, as lme4 prints them) and the fixed effects. */
export interface WaldSource {
  fixef: { names: string[] };
  confint_wald: number[][];
  varcorr: { group: string; names: string[] }[];
  /** lmer has σ (an NA row too); glmer of the binomial and poisson families has none. */
  hasSigma: boolean;
}

/**
 * confint(m, method = "Wald", oldNames = FALSE): NA for the standard deviations and
 * correlations (Wald intervals are not given for them), then the fixed effects.
 */
export function formatWaldConfint(source: WaldSource): string {
  const names = varianceParameters(source.varcorr).map((p) => p.name);
  if (source.hasSigma) names.push('sigma');
  const empty = names.map(() => [null, null]);
  return formatConfintMatrix([...names, ...source.fixef.names], [...empty, ...source.confint_wald]);
}
