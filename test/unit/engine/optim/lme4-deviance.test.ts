import { describe, expect, it } from 'vitest';
import { bobyqa } from '../../../../src-main/engine/optim/bobyqa';
import { dyestuffDeviance, sleepstudyDeviance } from './profiled-deviance';

/*
 * Reference numbers from R 4.2.2, lme4 1.1-31 (nloptr 2.0.3), data from resources/sample-data:
 *   d  <- read.csv("resources/sample-data/dyestuff.csv")
 *   fm <- lmer(Yield ~ 1 + (1|Batch), d, REML = TRUE)          # and REML = FALSE
 *   getME(fm, "theta"); REMLcrit(fm) (or deviance(fm)); fm@optinfo$feval
 *   lmer(..., control = lmerControl(optimizer = "bobyqa"))@optinfo$feval   # minqa
 *   df <- lmer(..., devFunOnly = TRUE); df(theta)                          # profiled deviance
 * and the same for Reaction ~ Days + (Days | Subject) on sleepstudy.csv. `exact` is θ̂ to
 * ~1e-9 from minqa with lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)):
 * lme4's own θ̂ (`theta`) stops 1e-5 to 4e-5 away from it, within the flatness of the criterion.
 */
const reference = {
  dyestuffREML: { theta: [0.8483237832], exact: [0.8483237673], crit: 319.6542768423, nlopt: 17, minqa: 17 },
  dyestuffML: { theta: [0.7525806953], exact: [0.7525807122], crit: 327.3270598811, nlopt: 20, minqa: 18 },
  sleepREML: {
    theta: [0.966741774, 0.0151690589, 0.2309099532],
    exact: [0.9667327915, 0.0151690599, 0.2309095981],
    crit: 1743.62827196,
    nlopt: 43,
    minqa: 98,
  },
  sleepML: {
    theta: [0.9291906053, 0.0181657547, 0.2226432056],
    exact: [0.9292253876, 0.0181656841, 0.2226454241],
    crit: 1751.939344489,
    nlopt: 53,
    minqa: 64,
  },
};

describe('the profiled deviances written for these tests', () => {
  it('equal lme4’s devFunOnly functions', () => {
    expect(dyestuffDeviance(true)(Float64Array.from([0.2]))).toBeCloseTo(324.46804441807416, 9);
    expect(dyestuffDeviance(true)(Float64Array.from([5]))).toBeCloseTo(330.93892350121013, 9);
    const sleep = sleepstudyDeviance(true);
    expect(sleep(Float64Array.from([1, 0, 1]))).toBeCloseTo(1773.680330616, 8);
    expect(sleep(Float64Array.from([0.5, -0.2, 0.3]))).toBeCloseTo(1761.303055351, 8);
    expect(sleep(Float64Array.from([0, 0, 0]))).toBeCloseTo(1893.6636634721, 8);
  });
});

describe('bobyqa on lme4 profiled deviances, from lme4’s start (θ = 1 on diagonals, 0 elsewhere)', () => {
  const cases = [
    ['Dyestuff REML', dyestuffDeviance(true), [1], [0], reference.dyestuffREML],
    ['Dyestuff ML', dyestuffDeviance(false), [1], [0], reference.dyestuffML],
    ['sleepstudy REML', sleepstudyDeviance(true), [1, 0, 1], [0, -Infinity, 0], reference.sleepREML],
    ['sleepstudy ML', sleepstudyDeviance(false), [1, 0, 1], [0, -Infinity, 0], reference.sleepML],
  ] as const;
  for (const [name, f, start, lower, ref] of cases) {
    it(`${name}: lme4’s θ and criterion, with about as many evaluations as NLopt (${ref.nlopt})`, () => {
      const r = bobyqa(f, Float64Array.from(start), { lower: [...lower] });
      expect(r.converged).toBe(true);
      // As close to θ̂ as lme4 gets (its θ is up to 3.5e-5 away), and the criterion at least as low.
      r.x.forEach((v, j) => {
        expect(Math.abs(v - ref.exact[j])).toBeLessThan(2e-5);
        expect(Math.abs(v - ref.theta[j])).toBeLessThan(5e-5);
      });
      expect(r.fval - ref.crit).toBeLessThan(1e-12 * ref.crit);
      expect(r.fval - ref.crit).toBeGreaterThan(-1e-10 * ref.crit);
      expect(r.feval).toBeLessThanOrEqual(ref.nlopt + 3);
    });
  }
});
