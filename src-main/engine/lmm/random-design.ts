import { AppError } from '@shared/errors';
import { buildDesign } from '../model/design-columns';
import type { ModelFrame } from '../model/model-frame';

/**
 * The random-effects terms of a model frame as lme4's mkReTrms sets them up:
 * one term per bar (after `||` and `/` were expanded by the parser), each with
 * its grouping factor and the model.matrix of its left-hand side (the columns
 * lme4 calls cnms). Terms are put in lme4's order so that the first one has the
 * most levels and Z'Z's first diagonal block is block-diagonal.
 */
export interface ReTerm {
  /** The grouping factor's label as lme4 names it ("school", "sex:school"). */
  group: string;
  /** The bar term as written ("(standLRT | school)"). */
  source: string;
  /** Level of each observation (0-based, no missing values left in a model frame). */
  codes: Int32Array;
  levels: string[];
  /** Number of levels (lme4's nl). */
  nl: number;
  /** Column names of the left-hand side's model matrix (lme4's cnms). */
  cnms: string[];
  /** Columns per level. */
  q: number;
  /** n × q, column-major: each observation's row of the left-hand side's model matrix. */
  Z: Float64Array;
}

/** A distinct grouping factor (lme4's flist), with the terms (indices into `terms`) that use it. */
export interface GroupingFactorInfo {
  group: string;
  levels: string[];
  terms: number[];
}

export interface RandomDesign {
  n: number;
  terms: ReTerm[];
  /** In order of first use by the (reordered) terms, as getME(fit, "flist"). */
  flist: GroupingFactorInfo[];
}

export function buildRandomDesign(mf: ModelFrame): RandomDesign {
  const { formula, n } = mf;
  const context = `In the formula "${formula.source}"`;
  if (formula.random.length === 0) {
    throw new AppError('bad-input', `${context}: there are no random-effects terms such as (1 | group); a model without them is a linear model (lm).`);
  }
  const written = formula.random.map((r): ReTerm => {
    const g = mf.groups.get(r.groupLabel);
    if (!g) throw new AppError('internal', `${context}: the grouping factor ${r.groupLabel} is missing from the model frame.`);
    const design = buildDesign(r.terms, r.intercept, mf.variables, n, `${context}, the random-effects term ${r.source}`);
    if (design.p === 0) throw new AppError('bad-input', `${context}: the random-effects term ${r.source} has no columns.`);
    return { group: r.groupLabel, source: r.source, codes: g.codes, levels: g.levels, nl: g.levels.length, cnms: design.names, q: design.p, Z: design.X };
  });
  for (const t of written) checkIdentifiable(t, n, context);
  const terms = lme4Order(written);
  const flist: GroupingFactorInfo[] = [];
  terms.forEach((t, k) => {
    const known = flist.find((f) => f.group === t.group);
    if (known) known.terms.push(k);
    else flist.push({ group: t.group, levels: t.levels, terms: [k] });
  });
  return { n, terms, flist };
}

/**
 * mkReTrms: when the numbers of levels are not already non-increasing, the terms
 * are put in the order rev(order(nl)), which is decreasing with ties reversed.
 */
export function lme4Order<T extends { nl: number }>(terms: T[]): T[] {
  let increasing = false;
  for (let k = 1; k < terms.length; k++) if (terms[k].nl > terms[k - 1].nl) increasing = true;
  if (!increasing) return terms.slice();
  const ascending = terms.map((t, k) => ({ t, k })).sort((a, b) => a.t.nl - b.t.nl || a.k - b.k);
  return ascending.reverse().map((e) => e.t);
}

/** lmerControl's default checks check.nlev.gtr.1, check.nobs.vs.nlev and check.nobs.vs.nRE, all "stop". */
function checkIdentifiable(t: ReTerm, n: number, context: string): void {
  if (t.nl < 2) {
    throw new AppError(
      'bad-input',
      `${context}: the grouping factor ${t.group} has ${t.nl === 1 ? 'only the level "' + t.levels[0] + '"' : 'no levels'} in the rows used; grouping factors must have more than one sampled level (lme4's check.nlev.gtr.1).`,
    );
  }
  if (t.nl >= n) {
    throw new AppError(
      'bad-input',
      `${context}: the grouping factor ${t.group} has ${t.nl} levels for ${n} observations; the number of levels of each grouping factor must be less than the number of observations (lme4's check.nobs.vs.nlev).`,
    );
  }
  if (t.nl * t.q >= n) {
    throw new AppError(
      'bad-input',
      `${context}: the term ${t.source} has ${t.nl * t.q} random effects for ${n} observations; with at least as many random effects as observations ` +
        'the random-effects parameters and the residual variance are probably unidentifiable (lme4\'s check.nobs.vs.nRE).',
    );
  }
}
