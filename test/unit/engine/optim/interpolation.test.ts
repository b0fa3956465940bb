import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { QuadraticModel } from '../../../../src-main/engine/optim/interpolation';

/** H = W⁻¹ computed densely from the points, ordered [λ (m), c, g (n)]. */
function denseInverse(model: QuadraticModel): Matrix {
  const { n, m, xpt } = model;
  const size = m + n + 1;
  const w = Matrix.zeros(size, size);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let dot = 0;
      for (let l = 0; l < n; l++) dot += xpt[i * n + l] * xpt[j * n + l];
      w.set(i, j, 0.5 * dot * dot);
    }
    w.set(i, m, 1);
    w.set(m, i, 1);
    for (let l = 0; l < n; l++) {
      w.set(i, m + 1 + l, xpt[i * n + l]);
      w.set(m + 1 + l, i, xpt[i * n + l]);
    }
  }
  return inverse(w);
}

/** Largest difference between the stored parts of H and the dense inverse, relative to its largest entry. */
function inverseError(model: QuadraticModel): number {
  const { n, m, nz, zmat, bmat } = model;
  const h = denseInverse(model);
  let scale = 0;
  let err = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let omega = 0;
      for (let c = 0; c < nz; c++) omega += zmat[i * nz + c] * zmat[j * nz + c];
      err = Math.max(err, Math.abs(omega - h.get(i, j)));
      scale = Math.max(scale, Math.abs(h.get(i, j)));
    }
    for (let l = 0; l < n; l++) {
      err = Math.max(err, Math.abs(bmat[i * n + l] - h.get(m + 1 + l, i)));
      scale = Math.max(scale, Math.abs(h.get(m + 1 + l, i)));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      err = Math.max(err, Math.abs(bmat[(m + i) * n + j] - h.get(m + 1 + i, m + 1 + j)));
      scale = Math.max(scale, Math.abs(h.get(m + 1 + i, m + 1 + j)));
    }
  }
  return err / scale;
}

/** Largest |Q(y_k) − f_k| over the interpolation points. */
function interpolationError(model: QuadraticModel): number {
  const { n, m, xpt, xopt, fval } = model;
  const d = new Float64Array(n);
  let err = 0;
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < n; j++) d[j] = xpt[k * n + j] - xopt[j];
    err = Math.max(err, Math.abs(model.fopt + model.modelChange(d) - fval[k]));
  }
  return err;
}

const f = (x: Float64Array): number =>
  x.length === 1
    ? Math.cosh(x[0] - 1)
    : Math.exp(0.3 * x[0]) + (x[1] - 1) ** 2 * (1 + x[0] * x[0]) + (x.length > 2 ? x[2] ** 4 + x[0] * x[2] : 0);

function axisModel(n: number, m: number, base: number[], sigma: number[], tau: number[]): QuadraticModel {
  const model = new QuadraticModel(n, m);
  const b = Float64Array.from(base);
  const values = new Float64Array(m);
  const point = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    point.set(b);
    if (k >= 1 && k <= n) point[k - 1] += sigma[k - 1];
    if (k > n) point[k - n - 1] += tau[k - n - 1];
    values[k] = f(point);
  }
  model.initAxisSet(b, new Float64Array(n).fill(-Infinity), new Float64Array(n).fill(Infinity), Float64Array.from(sigma), Float64Array.from(tau), values);
  return model;
}

/** Replaces point t (not the best one) by xopt + d the way the optimiser does. */
function replace(model: QuadraticModel, t: number, d: number[]): void {
  const { n, m } = model;
  expect(t).not.toBe(model.kopt);
  const dv = Float64Array.from(d);
  const vlag = new Float64Array(m + n);
  const beta = model.lagrangeValues(dv, vlag);
  const denom = model.omegaDiag(t) * beta + vlag[t] * vlag[t];
  expect(denom).toBeGreaterThan(0);
  const point = new Float64Array(n);
  for (let j = 0; j < n; j++) point[j] = model.xbase[j] + model.xopt[j] + dv[j];
  const value = f(point);
  const diff = value - model.fopt - model.modelChange(dv);
  model.updateInverse(t, vlag, beta, denom);
  model.replacePoint(t, dv, value, diff);
}

describe('QuadraticModel (BOBYQA interpolation set and inverse KKT matrix)', () => {
  it('sets up H = W⁻¹ and an interpolating model for symmetric, one-sided and single axis points', () => {
    const cases = [
      axisModel(3, 7, [0.5, -0.2, 0.1], [0.3, 0.3, 0.3], [-0.3, -0.3, -0.3]),
      axisModel(3, 7, [0.5, -0.2, 0.1], [0.3, -0.2, 0.25], [0.6, -0.4, -0.05]),
      axisModel(3, 5, [0.5, -0.2, 0.1], [0.3, 0.2, -0.25], [-0.3]),
      axisModel(1, 3, [2], [0.5], [1]),
    ];
    for (const model of cases) {
      expect(inverseError(model)).toBeLessThan(1e-12);
      expect(interpolationError(model)).toBeLessThan(1e-12);
    }
  });

  it('keeps H equal to W⁻¹ and the model interpolating through point replacements', () => {
    const model = axisModel(3, 7, [0.5, -0.2, 0.1], [0.3, 0.3, 0.3], [-0.3, -0.3, -0.3]);
    const steps: [number, number[]][] = [
      [3, [0.1, 0.25, -0.05]],
      [5, [-0.2, 0.05, 0.2]],
      [0, [0.05, -0.1, 0.12]],
      [1, [0.15, 0.15, 0.15]],
      [6, [-0.05, 0.3, 0.01]],
    ];
    for (const [t, d] of steps) {
      if (t === model.kopt) continue;
      replace(model, t, d);
      expect(inverseError(model)).toBeLessThan(1e-10);
      expect(interpolationError(model)).toBeLessThan(1e-10);
    }
  });

  it('keeps H, the model and xopt when the base point is shifted to xopt', () => {
    const model = axisModel(3, 6, [0.5, -0.2, 0.1], [0.3, -0.3, 0.3], [-0.3, 0.3]);
    replace(model, 2, [0.2, 0.2, -0.1]);
    replace(model, 4, [-0.1, 0.3, 0.2]);
    const xoptAbs = Array.from(model.xopt, (v, j) => v + model.xbase[j]);
    const grad = Array.from(model.gopt);
    model.shiftBase();
    expect(Array.from(model.xopt)).toEqual([0, 0, 0]);
    expect(Array.from(model.xbase)).toEqual(xoptAbs.map((v) => expect.closeTo(v, 14)));
    expect(Array.from(model.gopt)).toEqual(grad);
    expect(inverseError(model)).toBeLessThan(1e-10);
    expect(interpolationError(model)).toBeLessThan(1e-10);
    replace(model, 0, [0.05, -0.1, 0.1]);
    expect(inverseError(model)).toBeLessThan(1e-10);
    expect(interpolationError(model)).toBeLessThan(1e-10);
  });

  it('gives the least Frobenius norm interpolant, which interpolates the values', () => {
    const model = axisModel(2, 5, [1, 1], [0.2, 0.2], [-0.2, -0.2]);
    replace(model, model.kopt === 1 ? 2 : 1, [0.1, 0.15]);
    const lambda = new Float64Array(5);
    const grad = new Float64Array(2);
    model.leastNormInterpolant(lambda, grad);
    model.replaceModel(lambda, grad);
    expect(interpolationError(model)).toBeLessThan(1e-12);
  });
});
