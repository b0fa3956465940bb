import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Odds ratios of a logit-link glmer fit: exp(β) with Wald 95% intervals
 * exp(β ± qnorm(0.975)·SE), as exp(fixef(m)) and exp(confint(m, method = "Wald"))
 * give them in R. Only the logit link makes exp(β) an odds ratio.
 */
export interface OddsRatios {
  names: string[];
  estimate: number[];
  lower: number[];
  upper: number[];
  level: number;
}

export function oddsRatios(fixef: { names: string[]; estimate: number[]; se: number[] }, level = 0.95): OddsRatios {
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    names: [...fixef.names],
    estimate: fixef.estimate.map(Math.exp),
    lower: fixef.estimate.map((b, j) => Math.exp(b - z * fixef.se[j])),
    upper: fixef.estimate.map((b, j) => Math.exp(b + z * fixef.se[j])),
    level,
  };
}
