import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { fitGlmmModel } from '../../../../src-main/engine/glmm/fit-glmer';
import { worst } from '../lmm/helpers';
import { glmerCase, glmerCaseModel, glmerComparable } from './helpers';

/** Fields that come from lme4's finite-difference Hessian of the stage-2 deviance (vcov's use.hessian). */
const fromHessian = /^(fixef\.(se|statistic|p)|vcov|corr_fixef)\[/;

/**
 * The four glmer fixtures. Our criterion must be lme4's or lower (never measurably higher);
 * where a number differs from lme4's by more than the README's 1e-4, the criterion must be
 * lower than lme4's (the README's allowance) and the difference stay small.
 *
 * Known difference (Laplace fits only): lme4's PIRLS (tolPwrss = 1e-7) takes log|L|² from the
 * factorisation at the weights of the iterate before the last one, so its Laplace deviance is
 * not the exact Laplace value (cbpp: 184.05313 at lme4's optimum where the exact value is
 * 184.05257) and its finite-difference Hessian, hence the SEs, differ by up to ~1.3% from
 * the Hessian of the exact deviance computed here. AGQ fits re-run PIRLS to convergence in
 * lme4 too, and there every field matches (cbpp_agq25).
 */
describe('fitGlmer reproduces lme4’s glmer fits', () => {
  for (const id of ['cbpp_laplace', 'cbpp_agq25', 'exam_glmer_fail', 'jsp_glmer_fail']) {
    it(`${id}: every reported number`, async () => {
      const c = glmerCase(id);
      const fit = await fitGlmmModel(await glmerCaseModel(c), c.nAGQ);
      const ours = -2 * fit.logLik;
      const lme4 = -2 * c.fit.logLik;
      const pairs = glmerComparable(fit, c.fit);
      const rest = worst(pairs.filter(([f]) => !fromHessian.test(f)));
      const hess = worst(pairs.filter(([f]) => fromHessian.test(f)));
      if (process.env.GLMM_DEBUG) console.log(id, { ours, lme4, evaluations: fit.optimizer.evaluations, rest, hess });
      expect(ours - lme4).toBeLessThan(1e-11 * lme4);
      if (rest.error >= 1e-4) expect(ours).toBeLessThan(lme4);
      // lme4’s Nelder-Mead stops short (cbpp: criterion 5.7e-4 higher at the same point is its PIRLS convention, see above), moving small conditional modes by up to ~7e-3 relative.
      expect(rest.error).toBeLessThan(1e-2);
      if (c.nAGQ > 1) expect(hess.error).toBeLessThan(1e-3);
      // Laplace: SEs within 1.3% (see above); p-values, far in the tail, then differ more (only checked as 2Φ(−|z|)).
      else expect(worst(pairs.filter(([f]) => fromHessian.test(f) && !f.startsWith('fixef.p'))).error).toBeLessThan(0.03);
      fit.fixef.p.forEach((p, j) => expect(p).toBeCloseTo(2 * (1 - normalCdf(Math.abs(fit.fixef.statistic[j]), 0, 1)), 12));
      expect(fit.vcovSource).toBe('hessian');
      expect(fit.isSingular).toBe(c.fit.isSingular);
      expect(fit.df).toBe(c.fit.df);
      expect(fit.df_resid).toBe(c.fit.df_resid);
      expect(fit.ngroups).toEqual(c.fit.ngroups);
      expect(fit.convergence.messages).toEqual([]);
    }, 60_000);
  }
});
