import { describe, expect, it } from 'vitest';
import { LmmSimulator } from '../../../../src-main/engine/inference/bootstrap/simulate-lmm';
import { caseModel, lmerCase } from '../lmm/helpers';
import { bootFixture } from './bootstrap-helpers';

describe("the bootstrap's simulated responses", () => {
  // With R's own θ, β and σ the responses are R's: the same random numbers in the same order.
  it.each(['jsp_ri_gender', 'exam_m3_rs', 'exam_m3_rs_ml'])('%s: equal simulate(fit, nsim, use.u = FALSE) after set.seed(seed) to 1e-12', async (id) => {
    const fx = bootFixture(id);
    const model = await caseModel(lmerCase(`lme4/${id}.json`));
    expect(model.n).toBe(fx.sim.n);
    const fit = { theta: Float64Array.from([fx.theta].flat()), beta: Float64Array.from(fx.beta), sigma: fx.sigma };
    const sim = new LmmSimulator(model, fit, fx.nsim, fx.seed, true);
    const y = new Float64Array(model.n);
    let worst = 0;
    for (let j = 1; j <= fx.nsim; j++) {
      sim.next(y);
      const c = fx.sim.columns.indexOf(j);
      if (c < 0) continue;
      fx.sim.head[c].forEach((v, i) => (worst = Math.max(worst, Math.abs(y[i] - v) / Math.max(1, Math.abs(v)))));
      worst = Math.max(worst, Math.abs(y[model.n - 1] - fx.sim.last[c]) / Math.max(1, Math.abs(fx.sim.last[c])));
    }
    expect(worst).toBeLessThan(1e-12);
    expect(sim.remaining).toBe(0);
    expect(() => sim.next(y)).toThrow(/all 1000|all 200/);
  });
});
