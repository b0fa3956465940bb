import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors';
import { bobyqa, bobyqaAsync, bobyqaSteps, resolveSettings, type BobyqaOptions } from '../../../../src-main/engine/optim/bobyqa';
import { QuadraticModel } from '../../../../src-main/engine/optim/interpolation';

const free = (n: number) => new Array<number>(n).fill(-Infinity);

function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
}

/** Runs f under bobyqa and checks that every point f sees lies within the bounds. */
function run(f: (x: Float64Array) => number, x0: number[], options: BobyqaOptions) {
  const lower = options.lower;
  const upper = options.upper ?? new Array<number>(x0.length).fill(Infinity);
  let outside = 0;
  const result = bobyqa(
    (x) => {
      for (let j = 0; j < x.length; j++) if (x[j] < lower[j] || x[j] > upper[j]) outside++;
      return f(x);
    },
    Float64Array.from(x0),
    options,
  );
  expect(outside).toBe(0);
  return result;
}

/**
 * A convex quadratic with a known bound-constrained minimiser x*: gradient zero in the
 * free variables and pointing out of the box in those on a bound (the KKT conditions).
 */
function kktProblem(n: number, seed: number) {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const m = Array.from({ length: n * n }, () => rnd() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += m[i * n + k] * m[j * n + k];
      a[i * n + j] = v + (i === j ? 0.2 : 0);
    }
  }
  const xstar = new Float64Array(n);
  const g = new Float64Array(n);
  const lower: number[] = [];
  const upper: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) [xstar[i], g[i], lower[i], upper[i]] = [0, 0.5 + rnd(), 0, Infinity]; // on its lower bound
    else if (i % 4 === 1) [xstar[i], g[i], lower[i], upper[i]] = [0.5 + rnd(), 0, 0, Infinity];
    else if (i % 4 === 2) [xstar[i], g[i], lower[i], upper[i]] = [2 * rnd() - 1, 0, -Infinity, Infinity];
    else [xstar[i], g[i], lower[i], upper[i]] = [1, -0.5 - rnd(), -Infinity, 1]; // on its upper bound
  }
  const f = (x: Float64Array) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += a[i * n + j] * (x[j] - xstar[j]);
      v += (x[i] - xstar[i]) * (0.5 * t + g[i]);
    }
    return 100 + v;
  };
  return { f, xstar, lower, upper };
}

describe('bobyqa on problems with known minima', () => {
  it('finds the minimum of Rosenbrock in 2-D from (−1.2, 1) with lme4 defaults, in fewer evaluations than NLopt', () => {
    const r = run(rosenbrock, [-1.2, 1], { lower: free(2) });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-4);
    expect(r.fval).toBeLessThan(1e-8);
    // nloptr BOBYQA with lme4's options needs 169 evaluations here.
    expect(r.feval).toBeLessThanOrEqual(169);
  });

  it('reaches Rosenbrock’s minimum to 1e-7 with rhoend = 1e-8 and no ftol', () => {
    const r = run(rosenbrock, [-1.2, 1], { lower: free(2), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    expect(r.message).toMatch(/rhoend/);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-7);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-7);
  });

  it('solves Rosenbrock in 4-D: the global minimum from rhobeg 0.5, and with lme4 defaults in a box the local minimum NLopt also finds', () => {
    const global = run(rosenbrock, [-1.2, 1, -1.2, 1], { lower: free(4), rhobeg: 0.5, rhoend: 1e-8, ftolAbs: 0 });
    for (const v of global.x) expect(Math.abs(v - 1)).toBeLessThan(1e-6);
    // rhobeg 2.5 (a quarter of the box) jumps to the other basin: x ≈ (−0.7757, 0.6131, 0.3820, 0.1457), f = 3.701429.
    const local = run(rosenbrock, [-1.2, 1, -1.2, 1], { lower: [-5, -5, -5, -5], upper: [5, 5, 5, 5] });
    expect(local.fval).toBeCloseTo(3.701429, 5);
    expect(local.x[0]).toBeCloseTo(-0.7757, 3);
    expect(local.feval).toBeLessThan(400); // NLopt: 192
  });

  it('stops exactly on the bounds of a box-constrained quadratic whose minimum is on two bounds', () => {
    const f = (x: Float64Array) => (x[0] - 2) ** 2 + 2 * (x[1] + 1) ** 2 + 0.5 * x[0] * x[1] + (x[2] - 0.5) ** 2;
    const r = run(f, [0.5, 0.5, 0.5], { lower: [0, 0, 0], upper: [1, 1, 1] });
    expect(r.x[0]).toBe(1);
    expect(r.x[1]).toBe(0);
    expect(r.x[2]).toBeCloseTo(0.5, 6);
    expect(r.fval).toBeCloseTo(3, 10);
    expect(r.feval).toBeLessThanOrEqual(25); // NLopt: 25, minqa: 28
  });

  it('finds the constrained minimiser with −Infinity/Infinity and finite bounds mixed, from a start on the bounds', () => {
    for (const [n, seed] of [
      [4, 3],
      [7, 11],
      [10, 29],
    ]) {
      const { f, xstar, lower, upper } = kktProblem(n, seed);
      const x0 = lower.map((l, i) => (Number.isFinite(l) ? l : i % 4 === 3 ? upper[i] : 0)); // every finite lower bound, and some upper ones
      const tight = run(f, x0, { lower, upper, rhoend: 1e-9, ftolAbs: 0 });
      const loose = run(f, x0, { lower, upper });
      for (let i = 0; i < n; i++) {
        expect(Math.abs(tight.x[i] - xstar[i])).toBeLessThan(1e-5);
        expect(Math.abs(loose.x[i] - xstar[i])).toBeLessThan(1e-2);
        if (i % 4 === 0) expect(tight.x[i]).toBe(0);
        if (i % 4 === 3) expect(tight.x[i]).toBe(1);
      }
      expect(tight.fval).toBeCloseTo(100, 9);
    }
  });

  it('handles n = 1 with npt = 3: interior minimum, start on the bound, minimum on the bound (NLopt: 11, 10, 9 evaluations)', () => {
    const inside = run((x) => (x[0] - 3) ** 2 + 1, [1], { lower: [0] });
    expect(inside.x[0]).toBeCloseTo(3, 6);
    expect(inside.feval).toBeLessThanOrEqual(11);
    const onBound = run((x) => (x[0] - 3) ** 2 + 1, [0], { lower: [0] });
    expect(onBound.x[0]).toBeCloseTo(3, 6);
    expect(onBound.feval).toBeLessThanOrEqual(10);
    const atBound = run((x) => (x[0] + 3) ** 2 + 1, [1], { lower: [0] });
    expect(atBound.x[0]).toBe(0);
    expect(atBound.fval).toBe(10);
    expect(atBound.feval).toBeLessThanOrEqual(9);
    const upperOnly = run((x) => Math.cosh(x[0] - 2), [-4], { lower: [-Infinity], upper: [1.5] });
    expect(upperOnly.x[0]).toBe(1.5);
  });
});

describe('bobyqa with values that are not finite', () => {
  it('steps around a region where f is Infinity or NaN and still finds the interior minimum', () => {
    const f = (x: Float64Array) => (x[0] + x[1] < 0 ? Infinity : (x[0] - 1) ** 2 + 3 * (x[1] - 0.5) ** 2);
    const r = run(f, [0.1, 0], { lower: [-10, -10], upper: [10, 10] });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1] - 0.5)).toBeLessThan(1e-4);
    const withNaN = run((x) => (x[0] > 2.2 ? NaN : rosenbrock(x)), [-1.2, 1], { lower: [-3, -3], upper: [3, 3], rhobeg: 1 });
    expect(withNaN.fval).toBeLessThan(1e-7);
  });

  it('reports the best finite value even when the initial points fall into the region', () => {
    const f = (x: Float64Array) => (x[0] > 0.5 ? Infinity : (x[0] - 0.3) ** 2 + x[1] ** 2);
    const r = run(f, [0.4, 1], { lower: [-2, -2], upper: [2, 2], rhobeg: 0.5 });
    expect(Number.isFinite(r.fval)).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.3, 4);
    expect(r.x[1]).toBeCloseTo(0, 4);
  });

  it('refuses a starting point where f is not finite', () => {
    expect(() => bobyqa(() => Infinity, Float64Array.from([1, 1]), { lower: [0, 0] })).toThrow(/not finite at the starting point/);
  });
});

describe('bobyqa budget, callbacks and the async driver', () => {
  it('stops at maxfun with the best point seen', () => {
    let best = Infinity;
    const r = run(
      (x) => {
        const v = rosenbrock(x);
        best = Math.min(best, v);
        return v;
      },
      [-1.2, 1],
      { lower: free(2), maxfun: 20 },
    );
    expect(r.feval).toBe(20);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/maxfun/);
    expect(r.fval).toBe(best);
    expect(rosenbrock(r.x)).toBe(best);
  });

  it('stops when shouldStop says so, also during the initial points', () => {
    for (const limit of [3, 15]) {
      let calls = 0;
      const r = run(
        (x) => {
          calls++;
          return rosenbrock(x);
        },
        [-1.2, 1],
        { lower: free(2), shouldStop: () => calls >= limit },
      );
      expect(r.feval).toBe(limit);
      expect(r.converged).toBe(false);
      expect(r.message).toMatch(/shouldStop/);
    }
  });

  it('reports every evaluation to onIteration with the best value so far', () => {
    const seen: { feval: number; fval: number }[] = [];
    const r = run(rosenbrock, [-1.2, 1], { lower: free(2), onIteration: ({ feval, fval }) => seen.push({ feval, fval }) });
    expect(seen.map((s) => s.feval)).toEqual(Array.from({ length: r.feval }, (_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) expect(seen[i].fval).toBeLessThanOrEqual(seen[i - 1].fval);
    expect(seen[seen.length - 1].fval).toBe(r.fval);
  });

  it('gives the same result asynchronously, awaiting checkpoint before every evaluation', async () => {
    let checkpoints = 0;
    const sync = bobyqa(rosenbrock, Float64Array.from([-1.2, 1]), { lower: free(2) });
    const r = await bobyqaAsync(rosenbrock, Float64Array.from([-1.2, 1]), {
      lower: free(2),
      checkpoint: async () => {
        checkpoints++;
      },
    });
    expect(Array.from(r.x)).toEqual(Array.from(sync.x));
    expect(r.feval).toBe(sync.feval);
    expect(checkpoints).toBe(r.feval);
  });

  it('propagates a cancellation thrown by checkpoint', async () => {
    let n = 0;
    const run = bobyqaAsync(rosenbrock, Float64Array.from([-1.2, 1]), {
      lower: free(2),
      checkpoint: async () => {
        if (++n === 10) throw new AppError('cancelled', 'The job was cancelled.');
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('can be driven step by step as a generator', () => {
    const steps = bobyqaSteps(Float64Array.from([2]), { lower: [-Infinity] });
    let state = steps.next();
    let count = 0;
    while (!state.done) {
      count++;
      state = steps.next((state.value[0] - 0.5) ** 2);
    }
    expect(state.value.x[0]).toBeCloseTo(0.5, 6);
    expect(state.value.feval).toBe(count);
  });
});

describe('bobyqa defaults and arguments', () => {
  it('uses lme4 nloptwrap / NLopt defaults: npt 2n+1, per-variable initial steps, rhoend from xtol', () => {
    // lme4's start for (Days | Subject): θ = (1, 0, 1), lower (0, −Inf, 0)
    const s = resolveSettings(Float64Array.from([1, 0, 1]), { lower: [0, -Infinity, 0] });
    expect(s.npt).toBe(7);
    expect(Array.from(s.steps)).toEqual([0.75, 1, 0.75]);
    expect(Array.from(s.scale)).toEqual([1, 1 / 0.75, 1]);
    expect(s.rhobeg).toBe(0.75);
    expect(s.rhoend).toBeCloseTo(0.75e-4, 18);
    expect(s.maxfun).toBe(100000);
    expect(s.ftolAbs).toBe(1e-8);
    const boxed = resolveSettings(Float64Array.from([0.1, 3, 0]), { lower: [0, 0, -1], upper: [1, 10, 1], rhobeg: 0.3 });
    expect(Array.from(boxed.steps)).toEqual([0.3, 0.3, 0.3]);
    const narrow = resolveSettings(Float64Array.from([0.5, 0]), { lower: [0.4, -1], upper: [0.6, 1], rhobeg: 0.5 });
    expect(Array.from(narrow.steps)).toEqual([0.09999999999999998, 0.5]);
  });

  it('rejects arguments it cannot use, with AppError bad-input', () => {
    const cases: [number[], BobyqaOptions][] = [
      [[2], { lower: [0], upper: [1] }],
      [[0, 0], { lower: [0] }],
      [[0, 0], { lower: [0, 1], upper: [1, 1] }],
      [[0, 0], { lower: [-1, -1], npt: 6 }],
      [[0], { lower: [-1], rhoend: 2, rhobeg: 1 }],
      [[NaN], { lower: [-1] }],
      [[], { lower: [] }],
    ];
    for (const [x0, options] of cases) {
      let error: unknown;
      try {
        bobyqa(rosenbrock, Float64Array.from(x0), options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('bad-input');
    }
  });
});

describe('bobyqa recovery when the interpolation system is damaged', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rebuilds the interpolation set around the best point and still converges', () => {
    const original = QuadraticModel.prototype.lagrangeValues;
    let calls = 0;
    // β < 0 cannot happen in exact arithmetic; it is what rounding damage to H looks like.
    // Damage the value for the 6th trust-region step (calls from ALTMOV only rank candidates).
    vi.spyOn(QuadraticModel.prototype, 'lagrangeValues').mockImplementation(function (this: QuadraticModel, d, vlag) {
      const beta = original.call(this, d, vlag);
      if (new Error().stack?.includes('geometryStep')) return beta;
      return ++calls === 6 ? -1e6 : beta;
    });
    const evaluated: number[][] = [];
    const r = bobyqa(
      (x) => {
        evaluated.push(Array.from(x));
        return rosenbrock(x);
      },
      Float64Array.from([-1.2, 1]),
      { lower: free(2), rhoend: 1e-8, ftolAbs: 0 },
    );
    expect(calls).toBeGreaterThan(6);
    // A rebuilt axis set after the initial one: base ± step along each axis, base = a point seen before.
    const near = (u: number, v: number) => Math.abs(u - v) <= 1e-12 * (1 + Math.abs(u));
    const isAxisSet = (i: number) => {
      const [a, b, c, d] = evaluated.slice(i, i + 4);
      const base = [(a[0] + c[0]) / 2, (b[1] + d[1]) / 2];
      const onAxes = near(a[1], base[1]) && near(c[1], base[1]) && near(b[0], base[0]) && near(d[0], base[0]);
      return onAxes && evaluated.slice(0, i).some((p) => near(p[0], base[0]) && near(p[1], base[1]));
    };
    expect(evaluated.some((_, i) => i > 4 && i + 4 <= evaluated.length && isAxisSet(i))).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
    expect(r.converged).toBe(true);
  });

  it('gives up with a rounding-error message when the rebuilt set is damaged again at once', () => {
    vi.spyOn(QuadraticModel.prototype, 'lagrangeValues').mockReturnValue(-1);
    const r = bobyqa(rosenbrock, Float64Array.from([-1.2, 1]), { lower: free(2) });
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/rounding errors/);
    expect(r.feval).toBe(9); // 5 initial points, then a restart (4 more) before giving up
    expect(r.fval).toBeLessThanOrEqual(rosenbrock(Float64Array.from([-1.2, 1])));
  });
});
