import { describe, expect, it } from 'vitest';
import { logDbinom, logDpois, makeFamily } from '../../../../src-main/engine/glmm/families';
import { gaussHermite } from '../../../../src-main/engine/glmm/gauss-hermite';

const close = (a: number, b: number, rel = 1e-13) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('GLM families as R computes them (values from R 4.2.2)', () => {
  it('log densities', () => {
    close(logDbinom(3, 10, 0.2), -1.6028268537197232);
    close(logDpois(2, 1.5), -1.3822169643436166);
  });
  it('links, clamped near 0 and 1 as family.c does', () => {
    const logit = makeFamily('binomial').link;
    close(logit.linkinv(-40), 2.2204460492503126e-16);
    close(logit.muEta(0.3), 0.24445831169074586);
    close(makeFamily('binomial', 'cloglog').link.linkinv(-1), 0.30779937244465366);
    close(makeFamily('binomial', 'probit').link.linkinv(0.7), 0.75803634777692697, 1e-12);
    expect(makeFamily('poisson').link.name).toBe('log');
  });
  it('deviance residuals', () => {
    close(makeFamily('binomial').devResid(0.3, 0.6, 10), 3.6757379477362435);
    close(makeFamily('poisson').devResid(3, 1.2, 1), 1.8977443912449306);
    close(makeFamily('poisson').devResid(0, 1.2, 1), 2.4);
  });
  it('rejects links a family does not take', () => {
    expect(() => makeFamily('poisson', 'logit')).toThrow(/takes the link "log"/);
  });
});

describe('Gauss-Hermite rules against the standard normal', () => {
  it('nAGQ = 5 equals lme4’s GHrule(5)', () => {
    const r = gaussHermite(5);
    const z = [-2.8569700138728056, -1.3556261799742662, 0, 1.3556261799742659, 2.8569700138728056];
    const w = [0.011257411327720701, 0.22207592200561257, 0.53333333333333333, 0.22207592200561263, 0.011257411327720689];
    z.forEach((v, i) => close(r.z[i], v, 1e-14));
    w.forEach((v, i) => close(r.w[i], v, 1e-13));
  });
  it('integrates the normal moments exactly up to degree 2n − 1', () => {
    for (const n of [1, 2, 3, 10, 25]) {
      const r = gaussHermite(n);
      const moment = (k: number) => r.z.reduce((s, z, i) => s + r.w[i] * z ** k, 0);
      close(moment(0), 1, 1e-13);
      if (n >= 2) close(moment(2), 1, 1e-12);
      if (n >= 3) close(moment(4), 3, 1e-12);
      if (n >= 10) close(moment(12), 10395, 1e-10);
      close(moment(1), 0, 1e-13);
    }
  });
});
