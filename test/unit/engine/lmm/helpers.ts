import { existsSync, readFileSync } from 'node:fs';
import { parseFormula } from '../../../../src-shared/formula/parse-formula';
import { silentContext } from '../../../../src-main/engine/context';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { buildLmmModel, type LmmModel } from '../../../../src-main/engine/lmm/model';
import type { LmerSummary } from '../../../../src-main/engine/lmm/results';

/** The `fit` of an lmer reference case (test/fixtures/README.md). */
export interface LmerReference {
  fixef: { names: string[]; estimate: number[]; se: number[]; statistic: number[] };
  vcov: number[][];
  corr_fixef: number[][];
  varcorr: { group: string; term_group: string; names: string[] | string; variance: number[] | number; sd: number[] | number; corr: number[][] | null }[];
  sigma: number;
  theta: number[] | number;
  logLik: number;
  df: number;
  AIC: number;
  BIC: number;
  deviance_ml: number | null;
  REMLcrit: number | null;
  nobs: number;
  ngroups: Record<string, number>;
  isSingular: boolean;
  scaled_resid_quantiles: number[];
  ranef: { group: string; levels: string[]; names: string[] | string; values: number[][] | number[]; condsd: number[][] | number[] }[];
  fitted_head: number[];
  resid_head: number[];
  confint_wald?: number[][];
}

export interface LmerCase {
  id: string;
  data: string;
  levels: Record<string, string[]>;
  formula: string;
  kind: string;
  REML: boolean;
  /** Columns read as factors (their numbers sorted), for the cases of test/fixtures/lmm. */
  factors?: string[] | string;
  fit: LmerReference & { theta_names?: string[]; cnms?: Record<string, string[]> | string[][]; cnms_groups?: string[] | string; feval?: number };
}

export function lmerCase(path: string): LmerCase {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8'));
}

const cache = new Map<string, Promise<DataFrame>>();

/** A sample data set read as the app reads it, with the fixture's factor levels. */
export function sampleFrame(name: string, levels: Record<string, string[]>, factors: string[] = []): Promise<DataFrame> {
  const key = `${name} ${JSON.stringify(levels)} ${factors.join()}`;
  let p = cache.get(key);
  if (!p) {
    const dir = new URL('../../../../resources/sample-data/', import.meta.url);
    const fileName = existsSync(new URL(`${name}.txt`, dir)) ? `${name}.txt` : `${name}.csv`;
    p = readDataFile(readFileSync(new URL(fileName, dir)), { fileName, levels, factors }, silentContext);
    cache.set(key, p);
  }
  return p;
}

export async function caseModel(c: LmerCase): Promise<LmmModel> {
  return buildLmmModel(parseFormula(c.formula), await sampleFrame(c.data, c.levels, caseFactors(c)));
}

/** jsonlite writes a one-element vector as a scalar. */
export function caseFactors(c: LmerCase): string[] {
  return c.factors === undefined ? [] : Array.isArray(c.factors) ? c.factors : [c.factors];
}

export const asArray = (x: number[] | number): number[] => (Array.isArray(x) ? x : [x]);

/**
 * The README's rule as one number to compare with 1e-4: the relative error, or for a
 * reference value below 1e-6 in magnitude the absolute error scaled so that 1e-6 maps to
 * 1e-4 (as closeTo in test/unit/engine/lm/design.ts reads "absolute 1e-6 near 0").
 */
export function relError(actual: number, expected: number, abs = 1e-6): number {
  if (Math.abs(expected) < abs) return (Math.abs(actual - expected) / abs) * 1e-4;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** A per-level value list as jsonlite writes it: a flat list when there is one column. */
export function levelRows(x: number[][] | number[]): number[][] {
  return (x as (number | number[])[]).map((r) => (Array.isArray(r) ? r : [r]));
}

/** Every number of an lmer result against the reference, as [field, actual, expected] triples. */
export function comparable(fit: LmerSummary, ref: LmerReference, options: { ranefLevels?: number } = {}): [string, number, number][] {
  const out: [string, number, number][] = [];
  const add = (field: string, a: number[], b: number[]) => {
    if (a.length !== b.length) throw new Error(`${field}: ${a.length} values, reference has ${b.length}`);
    a.forEach((v, i) => out.push([`${field}[${i}]`, v, b[i]]));
  };
  const flat = (x: unknown): number[] => [x].flat(2) as number[];
  add('fixef.estimate', fit.fixef.estimate, flat(ref.fixef.estimate));
  add('fixef.se', fit.fixef.se, flat(ref.fixef.se));
  add('fixef.statistic', fit.fixef.statistic, flat(ref.fixef.statistic));
  add('vcov', fit.vcov.flat(), flat(ref.vcov));
  add('corr_fixef', fit.corr_fixef.flat(), flat(ref.corr_fixef));
  fit.varcorr.forEach((v, k) => {
    const r = ref.varcorr[k];
    add(`varcorr[${k}].variance`, v.variance, asArray(r.variance));
    add(`varcorr[${k}].sd`, v.sd, asArray(r.sd));
    if (r.corr) add(`varcorr[${k}].corr`, (v.corr ?? []).flat(), r.corr.flat());
  });
  add('theta', fit.theta, asArray(ref.theta));
  for (const k of ['sigma', 'logLik', 'df', 'AIC', 'BIC', 'nobs'] as const) out.push([k, fit[k], ref[k]]);
  if (ref.REMLcrit !== null) out.push(['REMLcrit', fit.REMLcrit ?? NaN, ref.REMLcrit]);
  if (ref.deviance_ml !== null) out.push(['deviance_ml', fit.deviance_ml ?? NaN, ref.deviance_ml]);
  add('scaled_resid_quantiles', fit.scaled_resid_quantiles, ref.scaled_resid_quantiles);
  add('fitted_head', fit.fitted_head, ref.fitted_head);
  add('resid_head', fit.resid_head, ref.resid_head);
  if (ref.confint_wald) add('confint_wald', fit.confint_wald.flat(), flat(ref.confint_wald));
  fit.ranef.forEach((g, k) => {
    const r = ref.ranef[k];
    const m = options.ranefLevels ?? g.levels.length;
    add(`ranef[${k}].values`, g.values.slice(0, m).flat(), levelRows(r.values).flat());
    add(`ranef[${k}].condsd`, g.condsd.slice(0, m).flat(), levelRows(r.condsd).flat());
  });
  return out;
}

/** The largest error by the README's rule (relative, absolute near 0) and where it is. */
export function worst(pairs: [string, number, number][], abs = 1e-6): { field: string; error: number; actual: number; expected: number } {
  let w = { field: '', error: 0, actual: NaN, expected: NaN };
  for (const [field, a, b] of pairs) {
    const error = relError(a, b, abs);
    if (!(error <= w.error)) w = { field, error, actual: a, expected: b };
  }
  return w;
}
