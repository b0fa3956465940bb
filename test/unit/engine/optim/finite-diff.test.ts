import { describe, expect, it } from 'vitest';
import {
  deriv12,
  deriv12Async,
  deriv12Evaluations,
  planDeriv12,
} from '../../../../src-main/engine/optim/finite-diff';
import { num, point, vec } from './convergence-fixture';

/** f(x) = ½ xᵀAx + bᵀx + c: gradient Ax + b, Hessian A, both known exactly. */
function quadratic(a: number[], b: number[], c: number) {
  const k = b.length;
  return (x: Float64Array) => {
    let s = c;
    for (let i = 0; i < k; i++) {
      s += b[i] * x[i];
      for (let j = 0; j < k; j++) s += 0.5 * x[i] * a[j * k + i] * x[j];
    }
    return s;
  };
}

const A3 = [4, 1, -0.5, 1, 3, 0.25, -0.5, 0.25, 2];
const b3 = [1, -2, 0.5];
const x3 = Float64Array.from([0.3, -0.7, 1.1]);

function exactGradient(x: Float64Array): number[] {
  return [0, 1, 2].map((i) => b3[i] + [0, 1, 2].reduce((s, j) => s + A3[j * 3 + i] * x[j], 0));
}

// Analytic functions of the fixture, written with the same operations as in R so that
// every evaluation gives the same bits.
const quad = (x: Float64Array) => (x[0] - 1) * (x[0] - 1) + 10 * ((x[1] + 2) * (x[1] + 2)) + x[0] * x[1];
const saddle = (x: Float64Array) => x[0] * x[0] - 3 * (x[1] * x[1]) + 0.5 * x[0] * x[1];

describe('deriv12 as lme4 computes it', () => {
  it('recovers the gradient and Hessian of a quadratic to rounding error', () => {
    const d = deriv12(quadratic(A3, b3, 7), x3);
    const g = exactGradient(x3);
    for (let i = 0; i < 3; i++) expect(d.gradient[i]).toBeCloseTo(g[i], 9);
    // δ = 1e-4: rounding in f (about 1e-15) is amplified by 1/δ² = 1e8.
    for (let i = 0; i < 9; i++) expect(Math.abs(d.hessian[i] - A3[i])).toBeLessThan(2e-6);
  });

  it('returns a symmetric column-major Hessian', () => {
    const d = deriv12((x) => Math.exp(x[0]) * Math.sin(x[1]) + x[0] * x[1] * x[1], Float64Array.from([0.2, 0.9]));
    expect(d.hessian[1]).toBe(d.hessian[2]);
    // ∂²f/∂x∂y = e^x cos y + 2y
    expect(d.hessian[2]).toBeCloseTo(Math.exp(0.2) * Math.cos(0.9) + 1.8, 6);
  });

  for (const id of ['quad_off', 'quad_near', 'quad_min', 'saddle']) {
    it(`${id}: the same bits as lme4:::deriv12 in R`, () => {
      const p = point(id);
      const f = p.fun === 'quad' ? quad : saddle;
      const d = deriv12(f, vec(p.x), { fx: num(p.fx) });
      expect(Array.from(d.gradient)).toEqual(Array.from(vec(p.gradient)));
      expect(Array.from(d.hessian)).toEqual(Array.from(vec(p.hessian)));
    });
  }

  it('makes 2k² evaluations with fx given, as lme4 does (k = 1..6: 2, 8, 18, 32, 50, 72)', () => {
    for (let k = 1; k <= 6; k++) {
      let calls = 0;
      const d = deriv12(
        (x) => (calls++, x.reduce((s, v) => s + v * v, 0)),
        new Float64Array(k).fill(0.5),
        { fx: k * 0.25 },
      );
      expect(calls).toBe(2 * k * k);
      expect(d.evaluations).toBe(2 * k * k);
      expect(deriv12Evaluations(k)).toBe(2 * k * k);
    }
  });

  it('evaluates f once more when fx is not given', () => {
    let calls = 0;
    const d = deriv12((x) => (calls++, x[0] * x[1]), Float64Array.from([1, 2]));
    expect(calls).toBe(9);
    expect(d.evaluations).toBe(9);
  });

  it('the two-point cross stencil needs k² + k evaluations and agrees to O(δ²)', () => {
    const f = (x: Float64Array) => Math.exp(0.3 * x[0] - 0.2 * x[1] + 0.1 * x[2] * x[3]) + x[0] * x[2] * x[2];
    const x = Float64Array.from([0.4, -0.3, 0.8, 1.2]);
    const four = deriv12(f, x, { fx: f(x) });
    let calls = 0;
    const two = deriv12((y) => (calls++, f(y)), x, { fx: f(x), crossStencil: 'two-point' });
    expect(calls).toBe(20);
    expect(deriv12Evaluations(4, 'two-point')).toBe(20);
    for (let i = 0; i < 16; i++) expect(Math.abs(two.hessian[i] - four.hessian[i])).toBeLessThan(1e-6);
    expect(Array.from(two.gradient)).toEqual(Array.from(four.gradient));
  });

  it('steps outside the bounds by default, as lme4 (optwrap passes no bounds)', () => {
    const seen: number[] = [];
    deriv12((x) => (seen.push(x[0]), x[0] * x[0]), Float64Array.from([0]), { lower: Float64Array.from([0]) });
    expect(seen).toEqual([0, 1e-4, -1e-4]);
  });
});

describe('deriv12 within bounds', () => {
  it('at a lower bound uses one-sided points only and is exact for a quadratic', () => {
    // Minimum on the bound: f = (x0 + 1)² + x0 x1 + 2 x1², x0 ≥ 0 at x0 = 0.
    const seen: number[][] = [];
    const f = (x: Float64Array) => (seen.push([x[0], x[1]]), (x[0] + 1) * (x[0] + 1) + x[0] * x[1] + 2 * x[1] * x[1]);
    const x = Float64Array.from([0, 0.5]);
    const d = deriv12(f, x, { respectBounds: true, lower: Float64Array.from([0, -Infinity]) });
    expect(seen.every((p) => p[0] >= 0)).toBe(true);
    expect(d.gradient[0]).toBeCloseTo(2 + 0.5, 8);
    expect(d.gradient[1]).toBeCloseTo(0 + 4 * 0.5, 8);
    expect(d.hessian[0]).toBeCloseTo(2, 5);
    expect(d.hessian[1]).toBeCloseTo(1, 5);
    expect(d.hessian[3]).toBeCloseTo(4, 5);
  });

  it('near a bound shortens the steps and stays exact for a quadratic', () => {
    const f = quadratic(A3, b3, 1);
    const x = Float64Array.from([0.3, 2e-5, 1.1]);
    const lower = Float64Array.from([-Infinity, 0, -Infinity]);
    const upper = Float64Array.from([Infinity, Infinity, 1.1 + 3e-5]);
    const plan = planDeriv12(x, { respectBounds: true, lower, upper });
    for (let p = 0; p < plan.count; p++) {
      const y = plan.point(p);
      expect(y[1]).toBeGreaterThanOrEqual(0);
      expect(y[2]).toBeLessThanOrEqual(upper[2]);
    }
    const d = deriv12(f, x, { respectBounds: true, lower, upper });
    const g = exactGradient(x);
    for (let i = 0; i < 3; i++) expect(d.gradient[i]).toBeCloseTo(g[i], 6);
    for (let i = 0; i < 9; i++) expect(Math.abs(d.hessian[i] - A3[i])).toBeLessThan(1e-3);
  });

  it('at an upper bound differences backwards', () => {
    const d = deriv12((x) => 3 * x[0] * x[0] - x[0], Float64Array.from([2]), { respectBounds: true, upper: Float64Array.from([2]) });
    expect(d.gradient[0]).toBeCloseTo(11, 8);
    expect(d.hessian[0]).toBeCloseTo(6, 4);
  });

  it('rejects a point outside its bounds', () => {
    expect(() => deriv12((x) => x[0], Float64Array.from([-1]), { respectBounds: true, lower: Float64Array.from([0]) })).toThrow(
      /parameter 1 \(-1\) lies outside its bounds/,
    );
  });
});

describe('deriv12Async', () => {
  it('gives the same numbers, reports progress and passes a checkpoint after each evaluation', async () => {
    const f = quadratic(A3, b3, 7);
    let checkpoints = 0;
    const progress: number[] = [];
    const d = await deriv12Async(async (x) => f(x), x3, {
      checkpoint: async () => void checkpoints++,
      onProgress: (done, total) => progress.push(done / total),
    });
    const sync = deriv12(f, x3);
    expect(Array.from(d.hessian)).toEqual(Array.from(sync.hessian));
    expect(Array.from(d.gradient)).toEqual(Array.from(sync.gradient));
    expect(checkpoints).toBe(19);
    expect(d.evaluations).toBe(19);
    expect(progress.at(-1)).toBe(1);
  });

  it('stops when the checkpoint rejects (a cancelled job)', async () => {
    let calls = 0;
    const run = deriv12Async((x) => (calls++, x[0] * x[1]), Float64Array.from([1, 2]), {
      fx: 2,
      checkpoint: () => (calls >= 3 ? Promise.reject(new Error('cancelled')) : Promise.resolve()),
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(calls).toBe(3);
  });
});
