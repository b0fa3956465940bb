import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import gammaln from '@stdlib/math-base-special-gammaln';
import { AppError } from '@shared/errors';

/**
 * The GLM families glmer supports, written after R's family objects (binomial(),
 * poisson()) and their C code (src/library/stats/src/family.c): the same
 * clamping of μ away from 0 and 1 by DBL_EPSILON, so that fitted values, weights
 * and deviances equal R's also where η is large.
 */
export type FamilyName = 'binomial' | 'poisson';
export type LinkName = 'logit' | 'probit' | 'cloglog' | 'log';

export interface Link {
  name: LinkName;
  linkfun(mu: number): number;
  linkinv(eta: number): number;
  /** dμ/dη. */
  muEta(eta: number): number;
}

export interface Family {
  family: FamilyName;
  link: Link;
  variance(mu: number): number;
  /** One observation's deviance residual squared (R's dev.resids), prior weight included. */
  devResid(y: number, mu: number, wt: number): number;
  /** Twice minus the log-likelihood (R's family$aic without the 2·rank term). */
  aic(y: Float64Array, n: Float64Array, mu: Float64Array, wt: Float64Array): number;
  /** R's mustart from family$initialize. */
  muStart(y: number, wt: number): number;
}

export const EPS = 2.220446049250313e-16;
/** family.c: THRESH = 30, MTHRESH = -30, INVEPS = 1/DBL_EPSILON. */
export const THRESH = 30;
export const INVEPS = 1 / EPS;

const logit: Link = {
  name: 'logit',
  linkfun: (mu) => Math.log(mu / (1 - mu)),
  linkinv: (eta) => {
    const t = eta < -THRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
    return t / (1 + t);
  },
  muEta: (eta) => {
    if (eta > THRESH || eta < -THRESH) return EPS;
    const e = Math.exp(eta);
    return e / ((1 + e) * (1 + e));
  },
};

/** binomial()$linkinv for probit: η clamped to ±qnorm(DBL_EPSILON) so that μ stays in (0, 1). */
const PROBIT_THRESH = -normalQuantile(EPS, 0, 1);
const probit: Link = {
  name: 'probit',
  linkfun: (mu) => normalQuantile(mu, 0, 1),
  linkinv: (eta) => normalCdf(Math.min(Math.max(eta, -PROBIT_THRESH), PROBIT_THRESH), 0, 1),
  muEta: (eta) => Math.max(Math.exp(-0.5 * eta * eta) / Math.sqrt(2 * Math.PI), EPS),
};

const cloglog: Link = {
  name: 'cloglog',
  linkfun: (mu) => Math.log(-Math.log1p(-mu)),
  linkinv: (eta) => Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS),
  muEta: (eta) => {
    const e = Math.min(eta, 700);
    return Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), EPS);
  },
};

const log: Link = {
  name: 'log',
  linkfun: (mu) => Math.log(mu),
  linkinv: (eta) => Math.max(Math.exp(eta), EPS),
  muEta: (eta) => Math.max(Math.exp(eta), EPS),
};

const LINKS: Record<LinkName, Link> = { logit, probit, cloglog, log };

/** y·log(y/μ), 0 at y = 0 (family.c's y_log_y). */
function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** log dbinom(k, m, p) with log1p for log(1 − p), exact at the ends p = 0, 1. */
export function logDbinom(k: number, m: number, p: number): number {
  if (k < 0 || k > m) return -Infinity;
  // One trial (binary responses): the coefficient is 1 (gammaln(1) = gammaln(2) = 0 exactly), so skip three gammaln calls per row.
  const choose = m === 1 ? 0 : gammaln(m + 1) - gammaln(k + 1) - gammaln(m - k + 1);
  const a = k === 0 ? 0 : k * Math.log(p);
  const b = m - k === 0 ? 0 : (m - k) * Math.log1p(-p);
  return choose + a + b;
}

export function logDpois(y: number, mu: number): number {
  if (y === 0) return -mu;
  return y * Math.log(mu) - mu - gammaln(y + 1);
}

function binomialFamily(link: Link): Family {
  return {
    family: 'binomial',
    link,
    variance: (mu) => mu * (1 - mu),
    devResid: (y, mu, wt) => 2 * wt * (yLogY(y, mu) + yLogY(1 - y, 1 - mu)),
    aic(y, n, mu, wt) {
      // R: m <- if (any(n > 1)) n else wt; -2 sum(ifelse(m > 0, wt/m, 0) dbinom(round(m y), round(m), mu, log = TRUE))
      let useN = false;
      for (let i = 0; i < n.length; i++) if (n[i] > 1) useN = true;
      let s = 0;
      for (let i = 0; i < y.length; i++) {
        const m = useN ? n[i] : wt[i];
        if (m <= 0) continue;
        const k = Math.round(m * y[i]);
        const trials = Math.round(m);
        // One trial (binary responses): logDbinom's arithmetic written out, the evaluations' one pass over the rows without a call per row.
        const ld = trials === 1 && (k === 0 || k === 1) ? 0 + (k === 0 ? 0 : k * Math.log(mu[i])) + (1 - k === 0 ? 0 : (1 - k) * Math.log1p(-mu[i])) : logDbinom(k, trials, mu[i]);
        s += (wt[i] / m) * ld;
      }
      return -2 * s;
    },
    muStart: (y, wt) => (wt * y + 0.5) / (wt + 1),
  };
}

const poissonFamily: Family = {
  family: 'poisson',
  link: log,
  variance: (mu) => mu,
  devResid: (y, mu, wt) => {
    const r = mu * wt;
    return y > 0 ? 2 * wt * (y * Math.log(y / mu) - (y - mu)) : 2 * r;
  },
  aic(y, _n, mu, wt) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += logDpois(y[i], mu[i]) * wt[i];
    return -2 * s;
  },
  muStart: (y) => y + 0.1,
};

const ALLOWED: Record<FamilyName, LinkName[]> = { binomial: ['logit', 'probit', 'cloglog'], poisson: ['log'] };

/** binomial(link = "logit") etc.; the default link is the canonical one. */
export function makeFamily(family: FamilyName, link?: LinkName): Family {
  const allowed = ALLOWED[family];
  if (!allowed) throw new AppError('bad-input', `Unknown family "${String(family)}"; glmer supports binomial and poisson.`);
  const name = link ?? allowed[0];
  if (!allowed.includes(name)) {
    throw new AppError('bad-input', `The ${family} family takes the link ${allowed.map((l) => `"${l}"`).join(', ')}, not "${name}".`);
  }
  return family === 'binomial' ? binomialFamily(LINKS[name]) : poissonFamily;
}

/** Pearson residual (y − μ)·√wt / √V(μ). */
export function pearsonResidual(family: Family, y: number, mu: number, wt: number): number {
  return ((y - mu) * Math.sqrt(wt)) / Math.sqrt(family.variance(mu));
}

/** Deviance residual sign(y − μ)·√d. */
export function devianceResidual(family: Family, y: number, mu: number, wt: number): number {
  const d = Math.sqrt(Math.max(family.devResid(y, mu, wt), 0));
  return y > mu ? d : y < mu ? -d : 0;
}
