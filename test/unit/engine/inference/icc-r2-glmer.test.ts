import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../../src-shared/formula/parse-formula';
import { fitGlmer, fitGlmmModel } from '../../../../src-main/engine/glmm/fit-glmer';
import { binomialDistributionVariance, nullModelFormulaText, poissonDistributionVariance } from '../../../../src-main/engine/inference/icc-r2-glmer';
import { relError, sampleFrame } from '../lmm/helpers';
import poisson from '../../../fixtures/inference/icc_r2_poisson.json';
import { glmerCase, glmerCaseModel } from '../glmm/helpers';

interface Reference {
  icc: { adjusted: number; conditional: number };
  r2_nakagawa: { marginal: number; conditional: number };
}

describe('performance::icc and r2_nakagawa of glmer fits', () => {
  for (const id of ['cbpp_laplace', 'cbpp_agq25', 'exam_glmer_fail', 'jsp_glmer_fail']) {
    it(`${id}: ICC adjusted/conditional and R² marginal/conditional within 1e-4`, async () => {
      const c = glmerCase(id);
      const ref = c.fit as unknown as Reference;
      const fit = await fitGlmmModel(await glmerCaseModel(c), c.nAGQ);
      const pairs: [string, number | undefined, number][] = [
        ['icc.adjusted', fit.icc?.adjusted, ref.icc.adjusted],
        ['icc.conditional', fit.icc?.conditional, ref.icc.conditional],
        ['r2.marginal', fit.r2_nakagawa?.marginal, ref.r2_nakagawa.marginal],
        ['r2.conditional', fit.r2_nakagawa?.conditional ?? undefined, ref.r2_nakagawa.conditional],
      ];
      for (const [field, a, b] of pairs) expect(relError(a as number, b), `${field}: ${a} for ${b}`).toBeLessThan(1e-4);
    });
  }

  // No public reference case is Poisson: test/fixtures/tools/make-icc-fixtures.R made these.
  for (const [id, ref] of Object.entries(poisson.cases)) {
    it(`${id} (${ref.formula}, nAGQ ${ref.nAGQ}): λ from the refitted null model, ICC and R² within 1e-4`, async () => {
      const levels = { herd: Array.from({ length: 15 }, (_, i) => String(i + 1)), period: ['1', '2', '3', '4'] };
      const fit = await fitGlmer(parseFormula(ref.formula), await sampleFrame('cbpp', levels), { family: 'poisson', nAGQ: ref.nAGQ });
      expect(relError(fit.theta[0], ref.theta)).toBeLessThan(1e-4);
      const pairs: [string, number | null | undefined, number][] = [
        ['icc.adjusted', fit.icc?.adjusted, ref.icc.adjusted],
        ['icc.conditional', fit.icc?.conditional, ref.icc.conditional],
        ['r2.marginal', fit.r2_nakagawa?.marginal, ref.r2_nakagawa.marginal],
        ['r2.conditional', fit.r2_nakagawa?.conditional, ref.r2_nakagawa.conditional],
      ];
      for (const [field, a, b] of pairs) expect(relError(a as number, b), `${field}: ${a} for ${b}`).toBeLessThan(1e-4);
    });
  }

  it('the distribution-specific variances insight uses: π²/3, 1, π²/6 and log(1 + 1/λ)', () => {
    expect(binomialDistributionVariance('logit')).toBeCloseTo(3.289868133696453, 14);
    expect(binomialDistributionVariance('probit')).toBe(1);
    expect(binomialDistributionVariance('cloglog')).toBeCloseTo(1.6449340668482264, 14);
    expect(binomialDistributionVariance('log')).toBeNull();
    expect(poissonDistributionVariance(Math.log(4))).toBeCloseTo(Math.log(1.25), 14);
  });

  it('the null model keeps the response, offsets and every random term once (|| split terms too)', () => {
    expect(nullModelFormulaText(parseFormula('cbind(incidence, size - incidence) ~ period + (1 | herd)'))).toBe('cbind(incidence, size - incidence) ~ (1 | herd)');
    expect(nullModelFormulaText(parseFormula('y ~ x + offset(log(t)) + (x || g) + (1 | h)'))).toBe('y ~ offset(log(t)) + (x || g) + (1 | h)');
  });
});
