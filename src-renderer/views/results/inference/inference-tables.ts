import { z } from 'zod';
import { varianceParameters, type BootResult, type DdfTests, type ProfileResult } from '@shared/inference';
import type { ColumnFormat } from '../../../lib/table-export';
import { coefColumns, type FitTable } from '../fit-tables';

/**
 * The Inference panel's tables, from the stored fit and the stored inference
 * results: t tests of the fixed effects with the chosen degrees of freedom, the
 * type III F tests, and every interval computed so far side by side. Nothing is
 * computed here; the engine's numbers pass through.
 */
const num = z.number().nullable();
const nums = z.array(num);

/** The parts of a stored lmer fit the tables read (wald_p is absent in fits stored before Nestor reported it). */
export const LmerFitForInference = z.object({
  fixef: z.object({ names: z.array(z.string()), estimate: nums, se: nums, statistic: nums }),
  confint_wald: z.array(nums),
  wald_p: nums.optional(),
  varcorr: z.array(z.object({ group: z.string(), names: z.array(z.string()), sd: nums, corr: z.array(nums).nullable() })).default([]),
  sigma: num.optional(),
});
export type LmerFitForInference = z.infer<typeof LmerFitForInference>;

export type TestsChoice = 'wald' | DdfTests['method'];

export const METHOD_LABELS: Record<TestsChoice, string> = {
  wald: 'Wald z (normal)',
  satterthwaite: 'Satterthwaite',
  'kenward-roger': 'Kenward-Roger',
};

const EST: ColumnFormat = { digits: 4 };
const DF: ColumnFormat = { digits: 5 };
const P: ColumnFormat = { pvalue: true };

export function waldTestsTable(fit: LmerFitForInference): FitTable {
  const { fixef } = fit;
  return {
    id: 'tests',
    title: 'Tests of the fixed effects',
    columns: coefColumns({ label: 'z value', tip: 'z', format: EST }, { label: 'Pr(>|z|)', tip: 'pz', format: P }),
    rows: fixef.names.map((name, j) => ({ cells: [name, fixef.estimate[j], fixef.se[j], fixef.statistic[j], fit.wald_p?.[j] ?? null] })),
    note: fit.wald_p
      ? 'The t values read as z: p-values from the standard normal distribution, as 2 * pnorm(-abs(t)). Good when there are many groups; with few, Satterthwaite or Kenward-Roger degrees of freedom are safer.'
      : 'This fit was stored before Nestor reported normal-approximation p-values: fit the model again to see them.',
  };
}

export function ddfTestsTable(tests: DdfTests): FitTable {
  const kr = tests.method === 'kenward-roger';
  return {
    id: 'tests',
    title: 'Tests of the fixed effects',
    columns: coefColumns({ label: 'df', tip: 'ddf', format: DF }, { label: 't value', tip: 't', format: EST }, { label: 'Pr(>|t|)', tip: 'p', format: P }),
    rows: tests.names.map((name, j) => ({ cells: [name, tests.estimate[j], tests.se[j], tests.df[j], tests.t[j], tests.p[j]] })),
    note: kr
      ? 't tests with Kenward-Roger degrees of freedom and standard errors adjusted for the estimated variance components (pbkrtest, as lmerTest’s summary(m, ddf = "Kenward-Roger")).'
      : 't tests with Satterthwaite’s degrees of freedom (lmerTest’s summary(m)); the standard errors are lme4’s.',
  };
}

export function typeIIITable(tests: DdfTests): FitTable | null {
  if (tests.anova.length === 0) return null;
  return {
    id: 'typeIII',
    title: `Type III tests of whole terms (${METHOD_LABELS[tests.method]})`,
    tip: 'typeIII',
    columns: [
      { label: 'Term' },
      { label: 'Sum Sq', format: EST },
      { label: 'Mean Sq', format: EST },
      { label: 'NumDF', format: DF },
      { label: 'DenDF', tip: 'ddf', format: DF },
      { label: 'F value', format: EST },
      { label: 'Pr(>F)', format: P },
    ],
    rows: tests.anova.map((r) => ({ cells: [r.term, r.sumSq, r.meanSq, r.numDf, r.denDf, r.F, r.p] })),
    note: 'lmerTest’s anova(m, type = 3): each term tested as a whole, adjusted for all the others.',
  };
}

/** The fit's values under lme4's confint names (oldNames = FALSE): sd_x|g, cor_y.x|g, sigma, then the fixed effects. */
export function fitEstimates(fit: LmerFitForInference): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const { name, term, row, col } of varianceParameters(fit.varcorr)) {
    const t = fit.varcorr[term];
    out.set(name, row === col ? t.sd[row] : (t.corr?.[row]?.[col] ?? null));
  }
  if (fit.sigma !== undefined) out.set('sigma', fit.sigma);
  fit.fixef.names.forEach((n, j) => out.set(n, fit.fixef.estimate[j]));
  return out;
}

/**
 * Every interval computed so far, one row per parameter: Wald (fixed effects only,
 * as lme4 gives NA for the variance parameters), profile and bootstrap.
 */
export function intervalsTable(fit: LmerFitForInference, profile: ProfileResult | null, boot: BootResult | null): FitTable {
  // The estimates are the fit's (a REML fit's profile is centred on the ML estimates, which are not shown here).
  const estimates = fitEstimates(fit);
  const names: string[] = [];
  for (const source of [profile, boot]) source?.names.forEach((n) => names.includes(n) || names.push(n));
  fit.fixef.names.forEach((n) => names.includes(n) || names.push(n));
  const wald = new Map(fit.fixef.names.map((n, j) => [n, fit.confint_wald[j] ?? [null, null]]));
  const ends = (source: ProfileResult | BootResult | null, name: string): (number | null)[] => {
    if (!source) return [];
    const i = source.names.indexOf(name);
    return i < 0 ? [null, null] : [source.ci[i][0], source.ci[i][1]];
  };
  const columns: FitTable['columns'] = [{ label: 'Parameter' }, { label: 'Estimate', format: EST }, { label: 'Wald 2.5 %', tip: 'wald', format: EST }, { label: 'Wald 97.5 %', tip: 'wald', format: EST }];
  if (profile) columns.push({ label: 'Profile 2.5 %', tip: 'profile', format: EST }, { label: 'Profile 97.5 %', tip: 'profile', format: EST });
  if (boot) columns.push({ label: 'Bootstrap 2.5 %', tip: 'boot', format: EST }, { label: 'Bootstrap 97.5 %', tip: 'boot', format: EST });
  const notes = ['Wald: estimate ± 1.96 SE (fixed effects only).'];
  if (profile) notes.push('Profile: confint(m, method = "profile").');
  if (boot) notes.push(`Bootstrap: ${boot.nsim - boot.failed} parametric-bootstrap replicates, seed ${boot.seed}, percentile intervals (confint(m, method = "boot", nsim = ${boot.nsim}, seed = ${boot.seed})).`);
  return {
    id: 'intervals',
    title: '95% confidence intervals',
    columns,
    rows: names.map((name) => ({
      cells: [name, estimates.get(name) ?? null, ...(wald.get(name) ?? [null, null]), ...ends(profile, name), ...ends(boot, name)],
    })),
    note: notes.join(' '),
  };
}
