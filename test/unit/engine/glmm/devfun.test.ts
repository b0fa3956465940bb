import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stage1Objective, stage2Objective } from '../../../../src-main/engine/glmm/deviance';
import { glmerCase, glmerCaseModel } from './helpers';

interface Stage {
  lp0: number[];
  points: number[][];
  values: number[];
}
/** lme4's deviance functions at and near its optimum (test/fixtures/glmm/make-devfun-points.R); ours agree to ~1e-15 relative (rounding), checked at 1e-12. */
const points = JSON.parse(readFileSync(new URL('../../../fixtures/glmm/devfun-points.json', import.meta.url), 'utf8')) as Record<string, { stage1: Stage; stage2: Stage }>;

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the glmer deviance functions are lme4’s', () => {
  for (const id of Object.keys(points)) {
    it(`${id}: stage 1 (θ ↦ deviance, β inside PIRLS), its start lp0 and its values`, async () => {
      const model = await glmerCaseModel(glmerCase(id));
      const ref = points[id].stage1;
      // Our own start (PIRLS at θ = 1 from mustart) is lme4's lp0.
      const ours = stage1Objective(model);
      ours.lp0.forEach((v, i) => expect(Math.abs(v - ref.lp0[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.lp0[i]))));
      const f = stage1Objective(model, Float64Array.from(ref.lp0));
      ref.points.forEach((x, k) => expect(relative(f(Float64Array.from(x)), ref.values[k])).toBeLessThan(1e-12));
      ref.points.forEach((x, k) => expect(relative(ours(Float64Array.from(x)), ref.values[k])).toBeLessThan(1e-12));
    });
    it(`${id}: stage 2 ((θ, β) ↦ Laplace deviance from stage 1’s lp0)`, async () => {
      const model = await glmerCaseModel(glmerCase(id));
      const ref = points[id].stage2;
      const f = stage2Objective(model, null, Float64Array.from(ref.lp0));
      ref.points.forEach((x, k) => expect(relative(f(Float64Array.from(x)), ref.values[k])).toBeLessThan(1e-12));
    });
  }
});
