import { describe, expect, it } from 'vitest';
import { bootParameterCount, bootParameterNames, bootParameters } from '../../../../src-main/engine/inference/bootstrap/boot-params';
import { Refitter, refitDesign } from '../../../../src-main/engine/inference/bootstrap/refit-lmm';
import { thetaLayout } from '../../../../src-main/engine/lmm/theta';
import { caseModel, lmerCase } from '../lmm/helpers';
import { bootFixture } from './bootstrap-helpers';

describe("the bootstrap's statistic (confint's bootFun)", () => {
  it.each(['jsp_ri_gender', 'exam_m3_rs'])("%s: lme4's names and, at R's fit, R's t0", async (id) => {
    const fx = bootFixture(id);
    const model = await caseModel(lmerCase(`lme4/${id}.json`));
    expect(bootParameterNames(model.random.terms, model.fixed.names)).toEqual(fx.names);
    const out = new Float64Array(bootParameterCount(model.layout, model.p));
    bootParameters(model.layout, Float64Array.from([fx.theta].flat()), fx.sigma, Float64Array.from(fx.beta), out);
    Array.from(out).forEach((v, k) => expect(v, fx.names[k]).toBeCloseTo(fx.t0[k], 12));
  });

  it('orders a 3 × 3 term as Cv_to_Sv does (lower triangle by columns) and sets a correlation with a zero sd to 0', () => {
    const terms = [{ group: 'g', cnms: ['(Intercept)', 'x', 'z'], q: 3, nl: 2 }];
    expect(bootParameterNames(terms, ['b'])).toEqual(['sd_(Intercept)|g', 'cor_x.(Intercept)|g', 'cor_z.(Intercept)|g', 'sd_x|g', 'cor_z.x|g', 'sd_z|g', 'sigma', 'b']);
    const layout = thetaLayout(terms);
    // Λ = [[1, 0, 0], [0.5, 0, 0], [0, 0, 2]]: x's sd is 0.5, z has no correlation, and with θ₄ = 0 x's is still defined.
    const out = new Float64Array(8);
    bootParameters(layout, Float64Array.of(1, 0.5, 0, 0, 0, 2), 2, Float64Array.of(3), out);
    expect(Array.from(out)).toEqual([2, 1, 0, 1, 0, 4, 2, 3]);
    // A zero column of Λ: sd 0, and its correlations 0 instead of NaN (cov2sdcor).
    bootParameters(layout, Float64Array.of(1, 0, 0, 0, 0, 1), 1, Float64Array.of(3), out);
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 0, 1, 1, 3]);
  });
});

describe('a refit (refit-lmm)', () => {
  it("reaches the optimum of the model with the new response: on the original response, the fit's own numbers", async () => {
    const c = lmerCase('lme4/exam_m3_rs.json');
    const model = await caseModel(c);
    // Started away from the optimum so that the optimiser has to work.
    const refitter = new Refitter(refitDesign(model, Float64Array.of(1, 0, 1), true));
    const out = new Float64Array(refitter.count);
    expect(refitter.refit(model.y, out)).toBe(true);
    const sd = c.fit.varcorr[0].sd as number[];
    const expected = [sd[0], (c.fit.varcorr[0].corr as number[][])[1][0], sd[1], c.fit.sigma, ...(c.fit.fixef.estimate as number[])];
    Array.from(out).forEach((v, k) => expect(Math.abs(v - expected[k]) / Math.abs(expected[k])).toBeLessThan(1e-4));
  });

  it('fails (returns false) for a response it cannot fit, as bootMer counts an error', async () => {
    const model = await caseModel(lmerCase('lme4/jsp_ri_gender.json'));
    const refitter = new Refitter(refitDesign(model, Float64Array.of(0.43), true));
    const y = Float64Array.from(model.y);
    y[3] = NaN;
    expect(refitter.refit(y, new Float64Array(refitter.count))).toBe(false);
  });
});
