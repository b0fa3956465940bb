import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../../src-main/engine/optim/nelder-mead';

const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

/**
 * lme4::Nelder_Mead(fn, c(-1.2, 1), lower, control = list(xst = c(0.1, 0.1))) in R 4.2.2,
 * lme4 1.1-31: the same evaluations, so the same end point, value and count.
 * (The glmer fixtures check it on lme4's own stage 2: fit-glmer.test.ts.)
 */
describe('nelderMead is lme4’s Nelder_Mead', () => {
  it('Rosenbrock from (−1.2, 1), unbounded', async () => {
    let calls = 0;
    const r = await nelderMead((x) => (calls++, rosenbrock(x)), Float64Array.from([-1.2, 1]), { lower: Float64Array.from([-Infinity, -Infinity]), xst: Float64Array.from([0.1, 0.1]) });
    const R = [1.0000275944324057, 1.0000553049566485, 7.6278280955058216e-10, 199, 3];
    expect(Array.from(r.x)).toEqual(R.slice(0, 2));
    expect(r.fval).toBe(R[2]);
    expect(calls).toBe(R[3]);
    expect(r.code).toBe(R[4]);
  });
  it('with a lower bound that the simplex reaches (points clamped to it)', async () => {
    let calls = 0;
    const r = await nelderMead((x) => (calls++, rosenbrock(x)), Float64Array.from([-1.2, 1]), { lower: Float64Array.from([-Infinity, 0.5]), xst: Float64Array.from([0.1, 0.1]) });
    expect(Array.from(r.x)).toEqual([-0.69846741867659046, 0.5]);
    expect(r.fval).toBe(2.8995374609067222);
    expect(calls).toBe(81);
    expect(r.converged).toBe(true);
  });
});
