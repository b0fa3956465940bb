import { z } from 'zod';
import type { ModelFitValue } from '@shared/models';
import { formatNumber } from '../../lib/format';
import type { ExportTable } from '../../lib/table-export';

/**
 * The "Variance explained" panel of a mixed model: the engine's ICC and Nakagawa R²
 * (performance's numbers, inference/icc-r2.ts) as a table with a sentence on each, and
 * for a random-intercept lmer the within-group correlation τ²/(τ² + σ²) worked out
 * from the variance components, as the JSP course note does it by hand. Nothing is
 * estimated here; the ratio is arithmetic on the two variances the table above shows.
 */
export interface ExplainedRow {
  label: string;
  value: number | null;
  tip: string;
}

export interface WithinGroup {
  group: string;
  tau2: number;
  sigma2: number;
  correlation: number;
  /** The ratio written out with the model's numbers. */
  formula: string;
  /** What it means, for a student. */
  sentence: string;
}

export type VarianceExplainedView =
  | { status: 'none' }
  | { status: 'old' }
  | { status: 'ok'; rows: ExplainedRow[]; notes: string[]; withinGroup: WithinGroup | null; table: ExportTable };

const num = z.number().nullable();
const Icc = z.object({ adjusted: num, conditional: num }).nullable();
const R2 = z.object({ marginal: num, conditional: num }).nullable();
const Stored = z.object({
  icc: Icc.optional(),
  r2_nakagawa: R2.optional(),
  sigma: num.optional(),
  varcorr: z.array(z.object({ group: z.string(), term_group: z.string().optional(), names: z.array(z.string()), variance: z.array(num) })),
});

export const TIPS = {
  panel:
    'How much of the response’s variation the model accounts for, split into the part the fixed effects explain and the part that lies between groups. Computed as the R package performance does (icc() and r2_nakagawa()).',
  iccAdjusted:
    'Adjusted ICC: the share of the variance left after the fixed effects that lies between groups, random-effect variance / (random-effect variance + residual variance). 0 means groups do not differ; near 1 means observations in a group are almost alike.',
  iccConditional:
    'Conditional ICC: the random-effect variance as a share of all the variance, the fixed effects’ included. It is smaller than the adjusted ICC when the fixed effects explain a lot.',
  r2Marginal: 'Marginal R²: the share of the total variance explained by the fixed effects alone (Nakagawa & Schielzeth).',
  r2Conditional: 'Conditional R²: the share of the total variance explained by the fixed and random effects together.',
  withinGroup:
    'In a random-intercept model two observations of the same group share that group’s intercept, so their responses are correlated. The correlation is the intercept variance over the total variance, τ² / (τ² + σ²).',
} as const;

const DIGITS = 3;

export function varianceExplainedView(value: ModelFitValue): VarianceExplainedView {
  if (value.kind !== 'lmer' && value.kind !== 'glmer') return { status: 'none' };
  const parsed = Stored.safeParse(value.fit);
  if (!parsed.success) return { status: 'none' };
  const fit = parsed.data;
  if (fit.icc === undefined || fit.r2_nakagawa === undefined) return { status: 'old' };
  const rows: ExplainedRow[] = [
    { label: 'ICC (adjusted)', value: fit.icc?.adjusted ?? null, tip: TIPS.iccAdjusted },
    { label: 'ICC (conditional)', value: fit.icc?.conditional ?? null, tip: TIPS.iccConditional },
    { label: 'R² (marginal)', value: fit.r2_nakagawa?.marginal ?? null, tip: TIPS.r2Marginal },
    { label: 'R² (conditional)', value: fit.r2_nakagawa?.conditional ?? null, tip: TIPS.r2Conditional },
  ];
  const notes: string[] = [];
  if (fit.icc === null && fit.r2_nakagawa !== null) {
    notes.push(
      'No ICC and no conditional R²: a variance component is (nearly) zero, so the fit is singular, and performance declines them. The marginal R² leaves the random effects out.',
    );
  } else if (fit.icc === null) {
    notes.push('performance gives no ICC or R² for this model.');
  }
  if (value.kind === 'glmer') notes.push(latentScaleNote(value.fit.family, value.fit.link));
  const withinGroup = value.kind === 'lmer' ? withinGroupCorrelation(fit) : null;
  const adjusted = fit.icc?.adjusted;
  if (withinGroup && adjusted !== null && adjusted !== undefined && Math.abs(adjusted - withinGroup.correlation) <= 1e-9 * Math.abs(adjusted)) {
    withinGroup.sentence += ' With one random intercept this is the adjusted ICC.';
  }
  const table: ExportTable = {
    title: 'Variance explained',
    columns: ['Measure', 'Value'],
    rows: [
      ...rows.map((r) => [r.label, r.value]),
      ...(withinGroup ? [[`Within-${withinGroup.group} correlation τ²/(τ²+σ²)`, withinGroup.correlation]] : []),
    ],
    formats: [undefined, { digits: DIGITS }],
  };
  return { status: 'ok', rows, notes, withinGroup, table };
}

/** Only for exactly one random term, an intercept: the ratio the course note computes. */
export function withinGroupCorrelation(fit: Pick<z.infer<typeof Stored>, 'varcorr' | 'sigma'>): WithinGroup | null {
  if (fit.varcorr.length !== 1) return null;
  const term = fit.varcorr[0];
  if (term.names.length !== 1 || term.names[0] !== '(Intercept)') return null;
  const tau2 = term.variance[0];
  const sigma = fit.sigma;
  if (tau2 === null || sigma === null || sigma === undefined) return null;
  const sigma2 = sigma * sigma;
  if (!(tau2 + sigma2 > 0)) return null;
  const correlation = tau2 / (tau2 + sigma2);
  const f = (x: number) => formatNumber(x, 4);
  const group = term.group;
  return {
    group,
    tau2,
    sigma2,
    correlation,
    formula: `τ² / (τ² + σ²) = ${f(tau2)} / (${f(tau2)} + ${f(sigma2)}) = ${formatNumber(correlation, DIGITS)}`,
    sentence:
      `Two observations from the same ${group} share its random intercept, so their responses are correlated: ` +
      `the covariance is τ² (the ${group} intercept variance) and each response’s variance is τ² + σ². ` +
      `About ${Math.round(correlation * 100)}% of the variation left after the fixed effects lies between the ${group} groups; the rest is within them.`,
  };
}

const LATENT: Record<string, string> = {
  logit: 'the logistic distribution’s π²/3 ≈ 3.29',
  probit: 'the standard normal’s 1',
  cloglog: 'the Gumbel distribution’s π²/6 ≈ 1.64',
};

/** What stands in for the residual variance of a glmer, said for this fit's family and link. */
export function latentScaleNote(family: unknown, link: unknown): string {
  const residual =
    family === 'poisson' ? 'log(1 + 1/λ), λ the mean count of the null model (the response with the random effects only)' : (LATENT[String(link)] ?? 'the distribution’s own');
  return `On the link scale, as performance computes it for a ${String(family)} (${String(link)}) model: the residual variance is ${residual}.`;
}
