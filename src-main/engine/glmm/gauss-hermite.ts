import { AppError } from '@shared/errors';

/**
 * Gauss-Hermite rules for integrals against the standard normal density, as
 * lme4's GHrule(nAGQ) gives them: nodes z and weights w with Σ w f(z) ≈ E f(Z),
 * Z ~ N(0, 1) (so Σ w = 1), made exactly symmetric as lme4 ≥ 1.1-36 does by
 * averaging the rule with its mirror image.
 *
 * The roots of the physicists' Hermite polynomial H_n are found by Newton's method
 * on the orthonormal recurrence, started from the classical asymptotic guesses
 * (largest root first, each next guess extrapolated from the previous ones); the
 * weights are 2 / H̃_n'(x)² for the orthonormal H̃_n. The rule for exp(−x²) is then
 * rescaled to the normal density: z = √2·x, w ← w / √π.
 */
export interface GaussHermiteRule {
  z: Float64Array;
  w: Float64Array;
}

const PI_M4 = Math.pow(Math.PI, -0.25);

/** Orthonormal Hermite polynomial of degree n at x and of degree n − 1 (for the derivative). */
function hermite(n: number, x: number): { p: number; pm1: number } {
  let p = PI_M4;
  let pm1 = 0;
  for (let j = 1; j <= n; j++) {
    const pm2 = pm1;
    pm1 = p;
    p = x * Math.sqrt(2 / j) * pm1 - Math.sqrt((j - 1) / j) * pm2;
  }
  return { p, pm1 };
}

export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new AppError('bad-input', `A Gauss-Hermite rule needs 1 to 100 nodes, not ${n}.`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  let guess = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) guess = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) guess -= (1.14 * Math.pow(n, 0.426)) / guess;
    else if (i === 2) guess = 1.86 * guess - 0.86 * x[0];
    else if (i === 3) guess = 1.91 * guess - 0.91 * x[1];
    else guess = 2 * guess - x[i - 2];
    let root = guess;
    let deriv = 0;
    for (let iter = 0; iter < 100; iter++) {
      const { p, pm1 } = hermite(n, root);
      deriv = Math.sqrt(2 * n) * pm1;
      const step = p / deriv;
      root -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(root))) break;
    }
    deriv = Math.sqrt(2 * n) * hermite(n, root).pm1;
    x[i] = root;
    guess = root;
    w[i] = 2 / (deriv * deriv);
  }
  // x[0] is the largest root: lay the rule out in increasing order, mirrored.
  const z = new Float64Array(n);
  const wz = new Float64Array(n);
  for (let i = 0; i < half; i++) {
    z[n - 1 - i] = x[i] * Math.SQRT2;
    z[i] = -x[i] * Math.SQRT2;
    wz[n - 1 - i] = wz[i] = w[i] / Math.sqrt(Math.PI);
  }
  if (n % 2 === 1) z[(n - 1) / 2] = 0;
  return { z, w: wz };
}
