import { describe, expect, it } from 'vitest';
import { QuadraticModel } from '../../../../src-main/engine/optim/interpolation';
import { trustRegionStep } from '../../../../src-main/engine/optim/trsbox';

/** A model with Q(xopt + d) − Q(xopt) = g·d + ½dᵀHd, xopt = 0 and bounds sl ≤ d ≤ su. */
function model(g: number[], h: number[], sl: number[], su: number[]): QuadraticModel {
  const n = g.length;
  const q = new QuadraticModel(n, 2 * n + 1);
  q.gopt.set(g);
  q.hq.set(h);
  q.sl.set(sl);
  q.su.set(su);
  return q;
}

function qValue(g: number[], h: number[], d: ArrayLike<number>): number {
  const n = g.length;
  let v = 0;
  for (let i = 0; i < n; i++) {
    v += g[i] * d[i];
    for (let j = 0; j < n; j++) v += 0.5 * d[i] * h[i * n + j] * d[j];
  }
  return v;
}

/** Least Q over a fine polar grid of the 2-D feasible set (ball ∩ box). */
function bruteForce2(g: number[], h: number[], sl: number[], su: number[], delta: number): number {
  let best = 0;
  for (let r = 1; r <= 400; r++) {
    for (let a = 0; a < 1440; a++) {
      const t = (2 * Math.PI * a) / 1440;
      const d = [((delta * r) / 400) * Math.cos(t), ((delta * r) / 400) * Math.sin(t)];
      if (d[0] < sl[0] || d[0] > su[0] || d[1] < sl[1] || d[1] > su[1]) continue;
      best = Math.min(best, qValue(g, h, d));
    }
  }
  return best;
}

function expectFeasible(d: Float64Array, sl: number[], su: number[], delta: number): void {
  let dd = 0;
  for (let i = 0; i < d.length; i++) {
    expect(d[i]).toBeGreaterThanOrEqual(sl[i]);
    expect(d[i]).toBeLessThanOrEqual(su[i]);
    dd += d[i] * d[i];
  }
  expect(Math.sqrt(dd)).toBeLessThanOrEqual(delta * (1 + 1e-12));
}

describe('trustRegionStep (TRSBOX)', () => {
  it('takes the Newton step of a convex model when it lies inside the region', () => {
    const g = [1, -2];
    const h = [4, 1, 1, 3];
    const { d, crvmin } = trustRegionStep(model(g, h, [-10, -10], [10, 10]), 5);
    // Newton step: −H⁻¹g = −[3 −1; −1 4]·g / 11
    expect(d[0]).toBeCloseTo(-5 / 11, 12);
    expect(d[1]).toBeCloseTo(9 / 11, 12);
    expect(crvmin).toBeGreaterThan(0);
  });

  it('stops on the trust-region boundary for an indefinite model, with crvmin = 0', () => {
    const g = [0.1, 0.2];
    const h = [-1, 0, 0, 2];
    const sl = [-Infinity, -Infinity];
    const su = [Infinity, Infinity];
    const { d, crvmin } = trustRegionStep(model(g, h, sl, su), 1);
    expect(Math.hypot(d[0], d[1])).toBeCloseTo(1, 12);
    expect(crvmin).toBe(0);
    expect(qValue(g, h, d)).toBeLessThanOrEqual(0.99 * bruteForce2(g, h, sl, su, 1));
  });

  it('keeps a variable on its bound when the gradient pushes out of the box', () => {
    const g = [3, -1];
    const h = [2, 0, 0, 2];
    const { d } = trustRegionStep(model(g, h, [0, -5], [5, 5]), 2);
    expect(d[0]).toBe(0);
    expect(d[1]).toBeCloseTo(0.5, 12);
  });

  it('follows a bound that a step reaches and finishes along it', () => {
    // Unconstrained minimiser (1.5, 1) lies beyond su[0] = 0.5.
    const g = [-3, -2];
    const h = [2, 0, 0, 2];
    const { d } = trustRegionStep(model(g, h, [-1, -1], [0.5, 3]), 4);
    expect(d[0]).toBe(0.5);
    expect(d[1]).toBeCloseTo(1, 12);
  });

  it('gets at least 97% of the best reduction on random convex 2-D problems with bounds', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let worst = 1;
    for (let trial = 0; trial < 40; trial++) {
      const g = [4 * rnd() - 2, 4 * rnd() - 2];
      const a = 3 * rnd();
      const b = 3 * rnd();
      const c = (2 * rnd() - 1) * Math.sqrt(a * b);
      const h = [a, c, c, b];
      const sl = [-rnd() * 1.5, -rnd() * 1.5];
      const su = [rnd() * 1.5, rnd() * 1.5];
      const delta = 0.2 + rnd();
      const { d } = trustRegionStep(model(g, h, sl, su), delta);
      expectFeasible(d, sl, su, delta);
      const best = bruteForce2(g, h, sl, su, delta);
      if (best < 0) worst = Math.min(worst, qValue(g, h, d) / best);
    }
    expect(worst).toBeGreaterThan(0.97);
  });

  it('stays feasible and reduces Q on random indefinite 2-D problems (a local method: not always the global best)', () => {
    let seed = 777;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 40; trial++) {
      const g = [4 * rnd() - 2, 4 * rnd() - 2];
      const h = [6 * rnd() - 3, 4 * rnd() - 2, 0, 6 * rnd() - 3];
      h[2] = h[1];
      const sl = [-rnd() * 1.5, -rnd() * 1.5];
      const su = [rnd() * 1.5, rnd() * 1.5];
      const delta = 0.2 + rnd();
      const { d } = trustRegionStep(model(g, h, sl, su), delta);
      expectFeasible(d, sl, su, delta);
      expect(qValue(g, h, d)).toBeLessThan(0);
    }
  });

  it('reduces a 6-D model with bounds and reports the gradient at the step', () => {
    const n = 6;
    const h: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.push(i === j ? 2 + i : 0.3 * Math.cos(i + j));
    const g = [1, -1, 0.5, -0.2, 0.8, -2];
    const sl = [-0.1, -1, -1, 0, -1, -1];
    const su = [1, 1, 0.05, 1, 1, 0.3];
    const q = model(g, h, sl, su);
    const { d, gnew } = trustRegionStep(q, 0.8);
    expectFeasible(d, sl, su, 0.8);
    expect(qValue(g, h, d)).toBeLessThan(-0.5);
    for (let i = 0; i < n; i++) {
      let expected = g[i];
      for (let j = 0; j < n; j++) expected += h[i * n + j] * d[j];
      expect(gnew[i]).toBeCloseTo(expected, 12);
    }
  });
});
