import { EPS, INVEPS, THRESH, type Family } from './families';
import type { GlmmModel } from './model';

/**
 * PIRLS's passes over the rows, written out per family and link so that the loops
 * call no closures per row: binomial with the logit link shares one exp(η) between
 * μ and dμ/dη, Poisson with the log link one exp(η) for both; other links go through
 * the family's functions. Each kernel does the same floating-point operations, in the
 * same order, as the family's linkinv, muEta, variance and devResid (families.ts), so
 * PIRLS's numbers do not depend on which path ran.
 */
export interface RowKernel {
  /** μ = linkinv(η) and dμ/dη for every row; returns Σ of the deviance residuals at the new μ, in row order (0 when not `deviance`). */
  update(eta: Float64Array, mu: Float64Array, dmu: Float64Array, deviance: boolean): number;
  /** The IRLS weights w = prior·μ'²/V(μ) and the working response z = η − base + (y − μ)/μ'. */
  working(eta: Float64Array, mu: Float64Array, dmu: Float64Array, base: Float64Array, w: Float64Array, z: Float64Array): void;
  /**
   * One scalar random-effects term with β given, in one pass over the rows: η = base + U·u
   * at u, μ there and their deviance (returned), and already the next iteration's system at
   * the new weights, a11 = 1 + Σ U²w and rhs = Σ U·w·z (per level, rows in order; w kept in
   * `w`): update, working and the assembly's arithmetic, without their three passes.
   * Absent for the links without a kernel of their own.
   */
  scalarPass?(s: ScalarPass): number;
}

export interface ScalarPass {
  base: Float64Array;
  cols: Int32Array;
  vals: Float64Array;
  u: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  w: Float64Array;
  a11: Float64Array;
  rhs: Float64Array;
}

export function rowKernel(model: GlmmModel): RowKernel {
  const { family } = model;
  if (family.family === 'binomial' && family.link.name === 'logit') return binomialLogit(model);
  if (family.family === 'poisson' && family.link.name === 'log') return poissonLog(model);
  return generic(model, family);
}

/** family.c's y_log_y(y, μ) + y_log_y(1 − y, 1 − μ) times 2·wt: binomial()$dev.resids. */
function binomialDevResid(y: number, mu: number, wt: number): number {
  const a = y !== 0 ? y * Math.log(y / mu) : 0;
  const f = 1 - y;
  const b = f !== 0 ? f * Math.log(f / (1 - mu)) : 0;
  return 2 * wt * (a + b);
}

function binomialLogit(model: GlmmModel): RowKernel {
  const { n, y, wt } = model;
  return {
    update(eta, mu, dmu, deviance) {
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const e = eta[i];
        let m: number;
        let d: number;
        if (e < -THRESH) {
          m = EPS / (1 + EPS);
          d = EPS;
        } else if (e > THRESH) {
          m = INVEPS / (1 + INVEPS);
          d = EPS;
        } else {
          const t = Math.exp(e);
          m = t / (1 + t);
          d = t / ((1 + t) * (1 + t));
        }
        mu[i] = m;
        dmu[i] = d;
        if (deviance) dev += binomialDevResid(y[i], m, wt[i]);
      }
      return dev;
    },
    working(eta, mu, dmu, base, w, z) {
      for (let i = 0; i < n; i++) {
        const d = dmu[i];
        const m = mu[i];
        w[i] = (wt[i] * d * d) / (m * (1 - m));
        z[i] = eta[i] - base[i] + (y[i] - m) / d;
      }
    },
    scalarPass({ base, cols, vals, u, eta, mu, w, a11, rhs }) {
      a11.fill(1);
      rhs.fill(0);
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const v = vals[i];
        const c = cols[i];
        const b = base[i];
        const e = b + v * u[c];
        eta[i] = e;
        let m: number;
        let d: number;
        if (e < -THRESH) {
          m = EPS / (1 + EPS);
          d = EPS;
        } else if (e > THRESH) {
          m = INVEPS / (1 + INVEPS);
          d = EPS;
        } else {
          const t = Math.exp(e);
          m = t / (1 + t);
          d = t / ((1 + t) * (1 + t));
        }
        mu[i] = m;
        const yi = y[i];
        const wti = wt[i];
        dev += binomialDevResid(yi, m, wti);
        const wi = (wti * d * d) / (m * (1 - m));
        w[i] = wi;
        a11[c] += v * wi * v;
        rhs[c] += v * (wi * (e - b + (yi - m) / d));
      }
      return dev;
    },
  };
}

function poissonLog(model: GlmmModel): RowKernel {
  const { n, y, wt } = model;
  return {
    update(eta, mu, dmu, deviance) {
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const m = Math.max(Math.exp(eta[i]), EPS);
        mu[i] = m;
        dmu[i] = m;
        if (!deviance) continue;
        const yi = y[i];
        const wi = wt[i];
        dev += yi > 0 ? 2 * wi * (yi * Math.log(yi / m) - (yi - m)) : 2 * (m * wi);
      }
      return dev;
    },
    working(eta, mu, dmu, base, w, z) {
      for (let i = 0; i < n; i++) {
        const d = dmu[i];
        const m = mu[i];
        w[i] = (wt[i] * d * d) / m;
        z[i] = eta[i] - base[i] + (y[i] - m) / d;
      }
    },
    scalarPass({ base, cols, vals, u, eta, mu, w, a11, rhs }) {
      a11.fill(1);
      rhs.fill(0);
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const v = vals[i];
        const c = cols[i];
        const b = base[i];
        const e = b + v * u[c];
        eta[i] = e;
        const m = Math.max(Math.exp(e), EPS);
        mu[i] = m;
        const yi = y[i];
        const wti = wt[i];
        dev += yi > 0 ? 2 * wti * (yi * Math.log(yi / m) - (yi - m)) : 2 * (m * wti);
        const wi = (wti * m * m) / m;
        w[i] = wi;
        a11[c] += v * wi * v;
        rhs[c] += v * (wi * (e - b + (yi - m) / m));
      }
      return dev;
    },
  };
}

function generic(model: GlmmModel, family: Family): RowKernel {
  const { n, y, wt } = model;
  const { link } = family;
  return {
    update(eta, mu, dmu, deviance) {
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const m = link.linkinv(eta[i]);
        mu[i] = m;
        dmu[i] = link.muEta(eta[i]);
        if (deviance) dev += family.devResid(y[i], m, wt[i]);
      }
      return dev;
    },
    working(eta, mu, dmu, base, w, z) {
      for (let i = 0; i < n; i++) {
        const d = dmu[i];
        w[i] = (wt[i] * d * d) / family.variance(mu[i]);
        z[i] = eta[i] - base[i] + (y[i] - mu[i]) / d;
      }
    },
  };
}
