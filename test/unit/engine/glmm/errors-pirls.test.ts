import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../../src-shared/formula/parse-formula';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { fitGlmer } from '../../../../src-main/engine/glmm/fit-glmer';
import { buildGlmmModel, rowsOfU } from '../../../../src-main/engine/glmm/model';
import { linearPredictor, pirls } from '../../../../src-main/engine/glmm/pirls';
import { glmerCase, glmerCaseModel } from './helpers';
import { sampleFrame } from '../lmm/helpers';

const exam = () => sampleFrame('exam', glmerCase('exam_glmer_fail').levels);

describe('glmer refuses what lme4 refuses, with a clear message', () => {
  it('a binomial response that is not 0/1', async () => {
    await expect(fitGlmer(parseFormula('normexam ~ standLRT + (1 | school)'), await exam(), { family: 'binomial' })).rejects.toThrow(/must be 0 or 1/);
  });
  it('negative Poisson counts', async () => {
    await expect(fitGlmer(parseFormula('normexam ~ standLRT + (1 | school)'), await exam(), { family: 'poisson' })).rejects.toThrow(/counts cannot be negative/);
  });
  it('nAGQ > 1 with a vector-valued term, and nAGQ > 25', async () => {
    const c = glmerCase('exam_glmer_fail');
    const model = await glmerCaseModel(c);
    const data = await exam();
    const withFail = { rows: data.rows, columns: [...data.columns, { name: 'fail', kind: 'numeric', values: Float64Array.from(model.y) }] } as unknown as DataFrame;
    await expect(fitGlmer(parseFormula('fail ~ standLRT + (standLRT | school)'), withFail, { family: 'binomial', nAGQ: 5 })).rejects.toThrow(/single, scalar random-effects term/);
    await expect(fitGlmer(parseFormula('fail ~ standLRT + (1 | school)'), withFail, { family: 'binomial', nAGQ: 26 })).rejects.toThrow(/nAGQ ≤ 25/);
  });
});

describe('PIRLS', () => {
  it('stops at lme4’s tolPwrss (relative change of the penalized deviance below 1e-7), near the modes', async () => {
    const model = await glmerCaseModel(glmerCase('exam_glmer_fail'));
    const U = rowsOfU(model, Float64Array.from([0.9]));
    const s = pirls({ model, U, beta: null, lp0: null });
    expect(s.iterations).toBeLessThan(15);
    // Restarting from where it stopped: one more step changes the modes only a little (not converged to 1e-10, as lme4).
    const again = pirls({ model, U, beta: null, lp0: linearPredictor(model, s) });
    expect(again.iterations).toBeLessThanOrEqual(3);
    again.u.forEach((v, j) => expect(Math.abs(v - s.u[j])).toBeLessThan(1e-3));
    const fixedBeta = pirls({ model, U, beta: s.beta, lp0: null });
    fixedBeta.u.forEach((v, j) => expect(Math.abs(v - s.u[j])).toBeLessThan(1e-3));
  });
  it('a proportion response with weights gives the cbind() fit', async () => {
    const c = glmerCase('cbpp_laplace');
    const model = await glmerCaseModel(c);
    const data = await sampleFrame('cbpp', c.levels);
    const prop = { rows: data.rows, columns: [...data.columns, { name: 'prop', kind: 'numeric', values: Float64Array.from(model.y) }] } as unknown as DataFrame;
    const weighted = buildGlmmModel(parseFormula('prop ~ period + (1 | herd)'), prop, { family: 'binomial', weights: Float64Array.from(model.wt) });
    const theta = Float64Array.from([0.64]);
    const a = pirls({ model, U: rowsOfU(model, theta), beta: null, lp0: null });
    const b = pirls({ model: weighted, U: rowsOfU(weighted, theta), beta: null, lp0: null });
    expect(Math.abs(a.devSum - b.devSum)).toBeLessThan(1e-10);
  });
});
