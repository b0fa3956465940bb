import type { ParsedFormula } from '@shared/formula/types';
import type { ModelKind } from '@shared/models';
import { matrixColumns, type CheckColumn } from './checks';

/**
 * How many parameters a model asks of the data, counted from the formula and the
 * column descriptions as lme4 counts them for logLik's df: the fixed-effect
 * coefficients, q(q + 1)/2 variance-covariance parameters per random-effects term
 * with q effects per group, and the residual variance. Aliased columns, which the
 * fit drops, are only known after fitting, so these are the counts before that.
 */
export interface RandomCount {
  /** The term as lme4 reads it, after splitting || and /. */
  term: string;
  group: string;
  /** Effects per group (q), or null when a variable's levels are unknown. */
  perGroup: number | null;
  covariance: number | null;
}

export interface Estimates {
  fixed: number | null;
  random: RandomCount[];
  total: number | null;
  /** glmer (binomial, poisson): no residual variance is estimated. */
  noResidual?: true;
  /** lmList: the coefficients are fitted once per level of this factor (at most `levels` groups). */
  perGroup?: { group: string; levels: number | null };
}

/**
 * lmList's count is a bound: `fixed` coefficients in each of the factor's levels that have
 * rows, and the pooled residual variance that its standard errors share.
 */
export function countEstimates(parsed: ParsedFormula, kind: ModelKind, columns: readonly CheckColumn[], group: string | null = null): Estimates {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const fixed = matrixColumns(parsed.intercept, parsed.terms, byName);
  if (kind === 'lmList' && group !== null) {
    const column = byName.get(group);
    const levels = column?.kind === 'factor' && column.levels ? column.levels.length : null;
    return { fixed, random: [], total: fixed === null || levels === null ? null : fixed * levels + 1, perGroup: { group, levels } };
  }
  const random: RandomCount[] =
    kind === 'lmer' || kind === 'glmer'
      ? parsed.random.map((r) => {
          const q = matrixColumns(r.intercept, r.terms, byName);
          const labels = r.terms.map((t) => t.label);
          const lhs = r.intercept ? (labels.length === 0 ? ['1'] : labels) : ['0', ...labels];
          return { term: `(${lhs.join(' + ')} | ${r.groupLabel})`, group: r.groupLabel, perGroup: q, covariance: q === null ? null : (q * (q + 1)) / 2 };
        })
      : [];
  const parts = [fixed, ...random.map((r) => r.covariance)];
  // glmer's binomial and poisson families have no residual variance to estimate.
  const residual = kind === 'glmer' ? 0 : 1;
  const total = parts.every((p): p is number => p !== null) ? parts.reduce((a, b) => a + b, 0) + residual : null;
  return { fixed, random, total, ...(kind === 'glmer' ? { noResidual: true as const } : {}) };
}
