import { AppError } from '@shared/errors';

/**
 * The constrained refits of a profile run much closer to convergence than lme4's
 * (xtol_rel = 1e-6 instead of 1e-4): ζ is then the profile itself, not the profile plus
 * the optimiser's stopping error, which at |ζ| ≈ 2 moves an interval end by up to 5e-4
 * relative between two lme4 runs from different starts (exam m3 profiled from its REML
 * and from its ML fit). The deviance error is quadratic in the parameters' error, so
 * 1e-6 leaves ζ good to far better than the ends need (with 1e-8 the test cases' ends
 * differed from lme4's by the same amounts to three digits, at about 1.3 times the cost).
 */
export const PROFILE_OPTIMIZER = { xtolRel: 1e-6, xtolAbs: 1e-10, ftolAbs: 1e-12, maxfun: 20_000 };

/**
 * lme4 stops when a refit beats the fit by more than devtol = 1e-9 (and warns below that).
 * On the flat deviance surface of a singular fit a tight refit can gain ~1e-6 on the ML
 * fit; that moves ζ by under 1e-6 where the ends are read (|ζ| ≈ 2), so such gains count
 * as 0, and only a clearly better point (the fit was not at its optimum) restarts.
 */
const DEVTOL = 1e-4;

/** A refit beat the fit: where (θ), so that the fit can be redone from there. */
export class LowerDeviance extends AppError {
  constructor(
    readonly theta: Float64Array,
    name: string,
    deviance: number,
    base: number,
  ) {
    super(
      'bad-input',
      `Profiling ${name} found a lower deviance (${deviance}) than at the fit (${base}): the fit is not at the optimum (lme4: "profiling detected new, lower deviance"). Refit the model and profile again.`,
    );
  }
}

/** ζ = sign(x − x̂)·√(deviance change); a clearly lower deviance means the fit was not at its optimum. */
export function signedRoot(x: number, centre: number, deviance: number, base: number, name: string, thetaThere: () => Float64Array): number {
  if (!Number.isFinite(deviance)) return NaN;
  const diff = deviance - base;
  if (diff < -DEVTOL) throw new LowerDeviance(thetaThere(), name, deviance, base);
  return Math.sign(x - centre) * Math.sqrt(Math.max(0, diff));
}
