import { describe, expect, it } from 'vitest';
import {
  checkConvergence,
  checkConvergenceAsync,
  checkDerivatives,
  isSingularTheta,
  SINGULAR_NOTE,
} from '../../../../src-main/engine/optim/convergence';
import { fits, handDerivs, type LmeChecks, num, point, points, vec } from './convergence-fixture';
import { dyestuff, remlDeviance, sleepstudy } from './reml-reference';

const diagonals = (lbound: Float64Array) => Array.from(lbound, (v) => v === 0);
const texts = (c: LmeChecks) => ({ messages: c.messages, warnings: c.warnings, notes: c.notes });

/*
 * Finite differences with δ = 1e-4 amplify any difference in the objective: ours and lme4's
 * deviance differ by up to ~4e-12 (1e-14 relative, summation order), which moves a gradient
 * component by ~2e-8 and a Hessian entry by ~4e-12 · 4 / (2δ)² ≈ 4e-4. lme4's own numbers
 * carry the same noise. Hence these tolerances, and a printed max|grad| (six digits of a
 * quantity through a Cholesky factor of that Hessian) that agrees to about five digits;
 * with the same objective bits (the analytic cases) everything is equal exactly.
 */
const GRAD_NOISE = 2e-8;
const HESS_NOISE = 1e-3;

/** Texts equal except numbers, which agree within `rel`. */
function expectSameTexts(actual: string[], expected: string[], rel: number): void {
  const numberPattern = /-?\d+(?:\.\d+)?(?:e[-+]\d+)?/g;
  expect(actual.map((t) => t.replace(numberPattern, '#'))).toEqual(expected.map((t) => t.replace(numberPattern, '#')));
  actual.forEach((t, i) => {
    const a = (t.match(numberPattern) ?? []).map(Number);
    const e = (expected[i].match(numberPattern) ?? []).map(Number);
    a.forEach((v, j) => expect(Math.abs(v - e[j])).toBeLessThanOrEqual(rel * Math.abs(e[j])));
  });
}

const dyData = dyestuff();
const ssData = sleepstudy();
const devfun = (id: string) => {
  const data = id === 'dyestuff' ? dyData : ssData;
  return (theta: Float64Array) => remlDeviance(data, theta);
};
const quad = (x: Float64Array) => (x[0] - 1) * (x[0] - 1) + 10 * ((x[1] + 2) * (x[1] + 2)) + x[0] * x[1];
const saddle = (x: Float64Array) => x[0] * x[0] - 3 * (x[1] * x[1]) + 0.5 * x[0] * x[1];
const analytic: Record<string, (x: Float64Array) => number> = { quad, saddle };

describe('checkConv on given derivatives: every branch with lme4’s text', () => {
  for (const c of handDerivs) {
    it(`${c.id}: ${JSON.stringify(c.messages)}`, () => {
      const out = checkDerivatives({ gradient: vec(c.gradient), hessian: vec(c.hessian) }, vec(c.coefs), diagonals(vec(c.lbound)), {
        gradRelTol: c.relTol,
      });
      expect({ messages: out.messages, warnings: out.warnings, notes: out.notes }).toEqual(texts(c));
    });
  }

  it('reports the component lme4’s text does not name (it always says 1)', () => {
    const c = handDerivs.find((d) => d.id === 'grad_third_component');
    if (!c) throw new Error('fixture');
    const out = checkDerivatives({ gradient: vec(c.gradient), hessian: vec(c.hessian) }, vec(c.coefs), diagonals(vec(c.lbound)));
    expect(out.maxGradIndex).toBe(2);
    expect(out.maxGrad).toBeCloseTo(0.05, 12);
    expect(out.ok).toBe(false);
  });

  it('scales the gradient by the Cholesky factor, not the inverse Hessian', () => {
    // H = diag(100, 1), g = (0.05, 0): R⁻¹g = 0.005 (fails); H⁻¹g would be 5e-4 (passes).
    const out = checkDerivatives({ gradient: Float64Array.from([0.05, 0]), hessian: Float64Array.from([100, 0, 0, 1]) }, Float64Array.from([1, 1]), [true, true]);
    expect(out.maxGrad).toBeCloseTo(0.005, 14);
    expect(out.warnings).toEqual(['Model failed to converge with max|grad| = 0.005 (tol = 0.002, component 1)']);
  });

  it('a singular fit is ok, a NaN gradient is not', () => {
    const sing = handDerivs.find((d) => d.id === 'singular_skips_rest');
    const nan = handDerivs.find((d) => d.id === 'nan_gradient');
    if (!sing || !nan) throw new Error('fixture');
    const a = checkDerivatives({ gradient: vec(sing.gradient), hessian: vec(sing.hessian) }, vec(sing.coefs), [true, true]);
    expect(a.singular).toBe(true);
    expect(a.ok).toBe(true);
    const b = checkDerivatives({ gradient: vec(nan.gradient), hessian: vec(nan.hessian) }, vec(nan.coefs), [true, true]);
    expect(b.ok).toBe(false);
  });
});

describe('isSingularTheta (lme4’s isSingular, tol 1e-4)', () => {
  it('looks only at θ bounded at 0', () => {
    expect(isSingularTheta(Float64Array.from([0.9, -1e-6, 0.2]), [true, false, true])).toBe(false);
    expect(isSingularTheta(Float64Array.from([0.9, 0.3, 9.99e-5]), [true, false, true])).toBe(true);
    expect(isSingularTheta(Float64Array.from([0.9, 0.3, 1e-4]), [true, false, true])).toBe(false);
    expect(isSingularTheta(Float64Array.from([0.9, 0.3, 0.05]), [true, false, true], 0.1)).toBe(true);
  });
});

describe('the reference REML deviance of this test is lme4’s devfun', () => {
  for (const [id, fit] of Object.entries(fits)) {
    it(`${id} (${fit.formula}) at ${fit.deviance_at.length} values of θ, within 1e-12 relative`, () => {
      const f = devfun(id);
      for (const at of fit.deviance_at) {
        const v = f(vec(at.theta));
        expect(Math.abs(v - num(at.value)) / num(at.value)).toBeLessThan(1e-12);
      }
    });
  }
});

describe('derivatives at lme4’s optimum equal fit@optinfo$derivs', () => {
  for (const [id, fit] of Object.entries(fits)) {
    it(`${id}: gradient within ${GRAD_NOISE}, Hessian within ${HESS_NOISE}, no messages`, () => {
      const theta = vec(fit.theta);
      const lower = vec(fit.lower);
      const r = checkConvergence({ f: devfun(id), x: theta, lower, diagonalIndex: diagonals(lower), fx: num(fit.fval) });
      const k = theta.length;
      expect(r.evaluations).toBe(2 * k * k);
      const g = vec(fit.gradient);
      const h = vec(fit.hessian);
      for (let i = 0; i < k; i++) expect(Math.abs(r.gradient[i] - g[i])).toBeLessThan(GRAD_NOISE);
      for (let i = 0; i < k * k; i++) expect(Math.abs(r.hessian[i] - h[i])).toBeLessThan(HESS_NOISE);
      expect({ messages: r.messages, warnings: r.warnings, notes: r.notes }).toEqual(texts(fit.conv));
      expect(r.ok).toBe(true);
      expect(r.singular).toBe(false);
    });
  }
});

describe('checkConvergence away from the optimum: lme4’s warnings', () => {
  for (const p of points) {
    const exact = p.fun in analytic;
    it(`${p.id}: ${JSON.stringify(p.messages)}${exact ? ', exactly' : ''}`, () => {
      const f = analytic[p.fun] ?? devfun(p.fun);
      const lbound = vec(p.lbound);
      const r = checkConvergence({ f, x: vec(p.x), lower: lbound, diagonalIndex: diagonals(lbound), fx: num(p.fx) });
      const g = vec(p.gradient);
      const h = vec(p.hessian);
      if (exact) {
        expect({ messages: r.messages, warnings: r.warnings, notes: r.notes }).toEqual(texts(p));
        expect(Array.from(r.gradient)).toEqual(Array.from(g));
        expect(Array.from(r.hessian)).toEqual(Array.from(h));
      } else {
        expectSameTexts(r.messages, p.messages, 1e-5);
        expectSameTexts(r.warnings, p.warnings, 1e-5);
        expect(r.notes).toEqual(p.notes);
        for (let i = 0; i < g.length; i++) expect(Math.abs(r.gradient[i] - g[i])).toBeLessThan(GRAD_NOISE);
        for (let i = 0; i < h.length; i++) expect(Math.abs(r.hessian[i] - h[i])).toBeLessThan(HESS_NOISE);
      }
    });
  }

  it('dyestuff 2% past θ̂: lme4 prints max|grad| = 0.0636839, we 0.063684x', () => {
    const p = point('dyestuff_off_2pc');
    const r = checkConvergence({ f: devfun('dyestuff'), x: vec(p.x), lower: Float64Array.from([0]), diagonalIndex: [true] });
    expect(r.warnings[0]).toMatch(/^Model failed to converge with max\|grad\| = 0\.063684\d \(tol = 0\.002, component 1\)$/);
    expect(Math.abs(r.maxGrad - 0.0636839) / 0.0636839).toBeLessThan(2e-5);
    expect(r.evaluations).toBe(3);
    expect(r.ok).toBe(false);
  });

  it('quad just off its minimum: lme4’s own warning, character for character', () => {
    const r = checkConvergence({ f: quad, x: Float64Array.from([80 / 39, -82 / 39 + 1e-3]), lower: Float64Array.from([-Infinity, -Infinity]), diagonalIndex: [] });
    expect(r.warnings).toEqual(['Model failed to converge with max|grad| = 0.00452911 (tol = 0.002, component 1)']);
    expect(r.maxGradIndex).toBe(1);
  });

  it('a concave point: no scaled gradient and a degenerate Hessian', () => {
    const r = checkConvergence({ f: saddle, x: Float64Array.from([1e-3, 2e-3]), lower: Float64Array.from([-Infinity, -Infinity]), diagonalIndex: [] });
    expect(r.eigenvalues[1]).toBeLessThan(0);
    expect(r.warnings).toEqual(['unable to evaluate scaled gradient', 'Model failed to converge: degenerate  Hessian with 1 negative eigenvalues']);
  });
});

describe('options', () => {
  it('skipDerivs checks singularity only and evaluates nothing', () => {
    let calls = 0;
    const f = (x: Float64Array) => (calls++, x[0]);
    const a = checkConvergence({ f, x: Float64Array.from([3e-5]), lower: Float64Array.from([0]), diagonalIndex: [true] }, { skipDerivs: true });
    expect(a.messages).toEqual([SINGULAR_NOTE]);
    const b = checkConvergence({ f, x: Float64Array.from([0.5]), lower: Float64Array.from([0]), diagonalIndex: [true] }, { skipDerivs: true });
    expect(b.messages).toEqual([]);
    expect(b.hessian.length).toBe(0);
    expect(calls).toBe(0);
  });

  it('computes derivatives for a singular fit too, but checks nothing else', () => {
    const p = point('sleepstudy_boundary');
    const r = checkConvergence({ f: devfun('sleepstudy'), x: vec(p.x), lower: vec(p.lbound), diagonalIndex: [true, false, true], fx: num(p.fx) });
    expect(r.singular).toBe(true);
    expect(r.notes).toEqual([SINGULAR_NOTE]);
    expect(r.warnings).toEqual([]);
    expect(r.hessian[8]).toBeLessThan(0);
    expect(r.evaluations).toBe(18);
  });

  it('a stricter gradient tolerance turns the sleepstudy optimum into a warning', () => {
    const fit = fits.sleepstudy;
    const lower = vec(fit.lower);
    const r = checkConvergence({ f: devfun('sleepstudy'), x: vec(fit.theta), lower, diagonalIndex: diagonals(lower) }, { gradTol: 1e-5 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^Model failed to converge with max\|grad\| = 4\.566\d\de-05 \(tol = 1e-05, component 1\)$/);
    expect(r.maxGrad).toBeCloseTo(4.5666e-5, 8);
  });

  it('the async variant gives the same report', async () => {
    const fit = fits.sleepstudy;
    const lower = vec(fit.lower);
    const input = { x: vec(fit.theta), lower, diagonalIndex: diagonals(lower), fx: num(fit.fval) };
    const sync = checkConvergence({ ...input, f: devfun('sleepstudy') });
    let checkpoints = 0;
    const f = devfun('sleepstudy');
    const asyncReport = await checkConvergenceAsync({ ...input, f: async (t) => f(t) }, { checkpoint: async () => void checkpoints++ });
    expect(Array.from(asyncReport.hessian)).toEqual(Array.from(sync.hessian));
    expect(asyncReport.messages).toEqual(sync.messages);
    expect(checkpoints).toBe(18);
  });
});
