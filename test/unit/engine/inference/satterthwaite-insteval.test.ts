import { expect, it } from 'vitest';
import { anovaTable } from '../../../../src-main/engine/inference/ddf-engine';
import { satterthwaite } from '../../../../src-main/engine/inference/satterthwaite';
import { typeIIIContrasts } from '../../../../src-main/engine/inference/type3-contrasts';
import { asArray } from '../lmm/helpers';
import { inferenceCase, inferenceModel, refAnova, rel } from './satterthwaite-helpers';

/**
 * InstEval (73,421 ratings, 2,972 students × 1,128 lecturers × 14 departments): three θ, so
 * 37 factorisations of a system whose later block is dense (about 0.3 s each here: 11 s in all), at lme4's θ.
 */
// The intercept's p (9e-24, t = 17) moves by 2e-5 relative with the last digits of its SE: p is held to 1e-4.
it("InstEval's crossed model: df and the type III table at lme4's θ as lmerTest's (1e-5), p to 1e-4", async () => {
  const c = inferenceCase('insteval_crossed');
  const model = await inferenceModel(c);
  const started = performance.now();
  const e = satterthwaite(model, Float64Array.from(asArray(c.fit.theta)), c.REML);
  const table = anovaTable(e, typeIIIContrasts(model));
  if (process.env.SATT_DEBUG) console.log('InstEval Satterthwaite + anova', ((performance.now() - started) / 1000).toFixed(1), 's');
  e.df.forEach((df, j) => {
    expect(rel(df, asArray(c.coef.df)[j])).toBeLessThan(1e-5);
    expect(rel(e.p[j], asArray(c.coef.p)[j])).toBeLessThan(1e-4);
  });
  const [ref] = refAnova(c).rows;
  expect(table).toHaveLength(1);
  expect(rel(table[0].denDf, ref.denDf)).toBeLessThan(1e-5);
  expect(rel(table[0].F, ref.F)).toBeLessThan(1e-6);
  expect(rel(table[0].p, ref.p)).toBeLessThan(1e-4);
}, 180_000);
