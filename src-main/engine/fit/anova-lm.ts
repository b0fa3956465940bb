import { AppError } from '@shared/errors';
import { fUpperTail } from '../lm/fit-lm';
import type { LmModel } from './lm-model';

/**
 * R's anova() of several lm fits (stats:::anova.lmlist): models in the order
 * given; each row after the first tests the change from the previous model,
 * with the F statistic scaled by the residual variance of the model with the
 * fewest residual degrees of freedom.
 */
export interface AnovaLmTable {
  formulas: string[];
  resDf: number[];
  rss: number[];
  /** Rows 2…: change in df and sum of squares, F and its p; null in row 1. */
  df: (number | null)[];
  sumSq: (number | null)[];
  F: (number | null)[];
  p: (number | null)[];
}

export function anovaLm(models: LmModel[]): AnovaLmTable {
  const nobs = models.map((m) => m.fit.nobs);
  if (nobs.some((n) => n !== nobs[0])) {
    throw new AppError(
      'bad-input',
      `The models were fitted to different numbers of rows (${nobs.join(', ')}), so they cannot be compared; missing values in a variable one model uses drop rows only there.`,
    );
  }
  const resDf = models.map((m) => m.fit.df_resid);
  const rss = models.map((m) => residualSumOfSquares(m));
  let big = 0;
  for (let k = 1; k < models.length; k++) if (resDf[k] < resDf[big]) big = k;
  const scale = rss[big] / resDf[big];
  const table: AnovaLmTable = { formulas: models.map((m) => m.formula.source), resDf, rss, df: [null], sumSq: [null], F: [null], p: [null] };
  for (let k = 1; k < models.length; k++) {
    const df = resDf[k - 1] - resDf[k];
    const ss = rss[k - 1] - rss[k];
    const F = df === 0 ? null : ss / df / scale;
    table.df.push(df);
    table.sumSq.push(ss);
    table.F.push(F);
    table.p.push(F === null ? null : fUpperTail(Math.abs(F), Math.abs(df), resDf[big]));
  }
  return table;
}

function residualSumOfSquares(m: LmModel): number {
  let s = 0;
  const r = m.fit.residuals;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s;
}
