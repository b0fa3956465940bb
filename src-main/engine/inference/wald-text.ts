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
  const names: string[] = [];
  for (const term of source.varcorr) {
    // lme4's order: each column's SD, then its correlations with the later columns.
    term.names.forEach((a, i) => {
      names.push(`sd_${a}|${term.group}`);
      term.names.slice(i + 1).forEach((b) => names.push(`cor_${b}.${a}|${term.group}`));
    });
  }
  if (source.hasSigma) names.push('sigma');
  const empty = names.map(() => [null, null]);
  return formatConfintMatrix([...names, ...source.fixef.names], [...empty, ...source.confint_wald]);
}
