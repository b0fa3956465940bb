import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { AppError } from '@shared/errors';
import type { ProfileCurve, ProfileIntervals } from '@shared/inference';
import { fitLmmModel } from '../../lmm/fit-lmer';
import type { LmmModel } from '../../lmm/model';
import { lmmObjective, type LmmObjective } from '../../lmm/objective';
import { solveLmm } from '../../lmm/solution';
import { profileEnds } from './interpolate';
import { fixedZeta } from './profile-fixed';
import { walk, walkSettings, type ProfilePoint, type ZetaAt } from './profile-grid';
import { formatConfintMatrix } from '../confint-text';
import { LowerDeviance } from './refit-settings';
import { sdcorDeviance, varianceZeta } from './profile-theta';
import { sdcorLayout, thetaToSdcor } from './sdcor';

/**
 * confint(fit, method = "profile", oldNames = FALSE) for an lmer fit, with the profiles
 * behind it (lme4's profile.merMod and confint.thpr):
 *
 * - lme4 profiles the ML deviance, so a REML fit is first refitted by ML (devfun2's
 *   refitML); the profiles are centred on the ML estimates.
 * - Each variance parameter (the sds and correlations of the random effects and σ) is
 *   held at values along a grid while the others are refitted on the sd/cor scale; each
 *   fixed effect is held by moving its column into the offset while θ is refitted.
 *   ζ = sign(p − p̂)·√(dev(p) − dev(p̂)).
 * - The grid is lme4's (profile-grid.ts) and the ends are read off it as lme4 reads them,
 *   with interpolation splines (interpolate.ts), so they agree with lme4 to the accuracy
 *   of its refits; an end the profile does not reach is the parameter's bound (0 for an
 *   sd, ±1 for a correlation), or NA for a fixed effect.
 */
export interface ProfileOptions {
  level?: number;
  checkpoint?: () => Promise<void>;
  onProgress?: (fraction: number, message: string) => void;
}

const PROGRESS_MS = 100;
/** Fresh starts after a profile found a better fit than the one it started from. */
const MAX_RESTARTS = 2;

export async function profileLmm(model: LmmModel, theta: Float64Array, reml: boolean, options: ProfileOptions): Promise<ProfileIntervals> {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new AppError('bad-input', `The confidence level ${level} must be between 0 and 1.`);
  if (theta.length !== model.layout.lower.length) {
    throw new AppError('bad-input', `The fit has ${theta.length} θ parameters; the model has ${model.layout.lower.length}.`);
  }
  const checkpoint = options.checkpoint ?? (async () => {});
  const messages: string[] = [];
  let last = 0;
  const progress = (fraction: number, message: string, force = false) => {
    const now = Date.now();
    if (options.onProgress && (force || now - last >= PROGRESS_MS)) {
      last = now;
      options.onProgress(fraction, message);
    }
  };

  // The ML optimum the profiles are centred on.
  let thetaML = Float64Array.from(theta);
  if (reml) {
    progress(0, 'Refitting the model by maximum likelihood', true);
    const refit = await fitLmmModel(model, { reml: false, start: theta, checkpoint: options.checkpoint });
    thetaML = Float64Array.from(refit.theta);
    messages.push('lme4 profiles the ML deviance: the REML fit was refitted by maximum likelihood, and the profiles are centred on the ML estimates.');
  }
  // Large later blocks share their factorisation with a second thread, as in the fit.
  const objective = lmmObjective(model, false, { parallel: true });
  let profiled: Profiled | null = null;
  try {
    for (let restart = 0; profiled === null; restart++) {
      try {
        profiled = await profileAll(model, objective, thetaML, checkpoint, progress);
      } catch (error) {
        // lme4 stops here; the ML fit is redone from the better point instead (twice at most).
        if (!(error instanceof LowerDeviance) || restart >= MAX_RESTARTS) throw error;
        const before = objective(thetaML);
        const refit = await fitLmmModel(model, { reml: false, start: error.theta, checkpoint: options.checkpoint });
        thetaML = Float64Array.from(refit.theta);
        messages.push(
          `Profiling found a lower deviance than the ML fit's (${error.message.match(/^Profiling (.*?) found/)?.[1] ?? 'a parameter'}); the ML fit was redone from there (deviance ${before} → ${objective(thetaML)}) and the profiles started again.`,
        );
      }
    }
  } finally {
    objective.dispose();
  }
  const { names, estimate, tables, nvp, sd } = profiled;

  const z = normalQuantile((1 - level) / 2, 0, 1);
  const ci: [number | null, number | null][] = [];
  const printed: [number, number][] = [];
  const curves: ProfileCurve[] = [];
  tables.forEach((table, i) => {
    const x = Float64Array.from(table, (r) => r.x);
    const zeta = Float64Array.from(table, (r) => r.zeta);
    // A refit that failed has no ζ: the curve leaves that point out (lme4's na.omit).
    const drawn = table.filter((r) => !Number.isNaN(r.zeta));
    if (drawn.length < table.length) messages.push(`NAs detected in profiling ${names[i]}: ${table.length - drawn.length} of its refits failed`);
    curves.push({ name: names[i], x: drawn.map((r) => r.x), zeta: drawn.map((r) => r.zeta) });
    const { ends, note } = profileEnds(x, zeta, [z, -z]);
    if (note) messages.push(`${note} for ${names[i]}`);
    // The inverse spline of an irregular profile (a singular fit's) can put an end outside the
    // parameter's range or on the wrong side of the estimate; such an end is treated as not reached.
    const lowest = i < nvp ? sd.lower[i] : -Infinity;
    const highest = i < nvp ? sd.upper[i] : Infinity;
    if (ends[0] < lowest || ends[0] > estimate[i] || ends[1] > highest || ends[1] < estimate[i]) {
      messages.push(`the profile of ${names[i]} is irregular: an interval end read off it fell outside [${lowest}, ${highest}] or beyond the estimate, and is taken as not reached`);
      if (ends[0] < lowest || ends[0] > estimate[i]) ends[0] = NaN;
      if (ends[1] > highest || ends[1] < estimate[i]) ends[1] = NaN;
    }
    // confint.thpr: an end the profile does not reach is the parameter's bound (variance parameters only).
    const bad = note === 'bad profile' || note === 'non-monotonic profile';
    const lo = Number.isNaN(ends[0]) && !bad && i < nvp ? sd.lower[i] : ends[0];
    const hi = Number.isNaN(ends[1]) && !bad && i < nvp ? sd.upper[i] : ends[1];
    ci.push([finiteOrNull(lo), finiteOrNull(hi)]);
    printed.push([lo, hi]);
  });
  progress(1, 'Profiles done', true);
  return {
    kind: 'profile',
    level,
    names,
    estimate,
    ci,
    curves,
    text: formatConfintMatrix(names, printed, level),
    messages,
  };
}

interface Profiled {
  names: string[];
  estimate: number[];
  tables: ProfilePoint[][];
  /** Variance parameters (sd, cor, σ) come first; then the fixed effects. */
  nvp: number;
  sd: ReturnType<typeof sdcorLayout>;
}

/** Every parameter's profile table, variance parameters first (lme4's order). */
async function profileAll(
  model: LmmModel,
  objective: LmmObjective,
  thetaML: Float64Array,
  checkpoint: () => Promise<void>,
  progress: (fraction: number, message: string) => void,
): Promise<Profiled> {
  const base = objective(thetaML);
  if (!Number.isFinite(base)) throw new AppError('bad-input', `The deviance is not finite at θ = (${Array.from(thetaML).join(', ')}).`);
  const sol = solveLmm(model, objective.factor, false);
  const sd = sdcorLayout(model.layout, model.random.terms);
  const centreVar = thetaToSdcor(thetaML, sol.sigma, model.layout);
  const nvp = centreVar.length;
  const p = model.p;
  const names = [...sd.names, ...model.fixed.names];
  const estimate = [...centreVar, ...sol.beta];
  const settings = walkSettings(nvp + p);
  const total = nvp + p;

  const deviance = sdcorDeviance(model, objective);
  const tables: ProfilePoint[][] = [];
  for (let w = 0; w < nvp; w++) {
    progress(w / total, `Profiling ${names[w]} (${w + 1} of ${total})`);
    const zetaAt = varianceZeta(deviance, model.layout, sd, w, centreVar, base);
    const others = centreVar.filter((_, i) => i !== w);
    const centre: ProfilePoint = { x: centreVar[w], zeta: 0, state: others };
    const pw = centreVar[w];
    // lme4's first step: 1% away from the estimate, or to 0.001 from a zero sd.
    const shift = Math.min(sd.upper[w], Math.max(sd.lower[w], pw === 0 ? 0.001 : pw * 1.01));
    await checkpoint();
    const first = zetaAt(shift, others);
    tables.push(await profileTable(centre, first, { lower: sd.lower[w], upper: sd.upper[w] }, pw > sd.lower[w], zetaAt, settings, checkpoint));
  }
  for (let j = 0; j < p; j++) {
    const k = nvp + j;
    progress(k / total, `Profiling ${names[k]} (${k + 1} of ${total})`);
    const se = Math.sqrt(sol.vcov[j * p + j]);
    const fe = fixedZeta(model, j, sol.beta[j], base, names[k]);
    try {
      const centre: ProfilePoint = { x: sol.beta[j], zeta: 0, state: thetaML };
      await checkpoint();
      // lme4's first step: delta standard errors up (the ML fit's SE).
      const first = fe.zetaAt(sol.beta[j] + settings.delta * se, thetaML);
      tables.push(await profileTable(centre, first, { lower: -Infinity, upper: Infinity }, true, fe.zetaAt, settings, checkpoint));
    } finally {
      fe.dispose();
    }
  }
  return { names, estimate, tables, nvp, sd };
}

/** lme4's table for one parameter: the optimum, the first step, the walk up and (when not at its bound) down, sorted by the parameter. */
async function profileTable(
  centre: ProfilePoint,
  first: ProfilePoint,
  bounds: { lower: number; upper: number },
  walkDown: boolean,
  zetaAt: ZetaAt,
  settings: ReturnType<typeof walkSettings>,
  checkpoint: () => Promise<void>,
): Promise<ProfilePoint[]> {
  const up = await walk(centre, first, bounds, settings, zetaAt, checkpoint);
  const down = walkDown ? await walk(first, centre, bounds, settings, zetaAt, checkpoint) : [];
  const rows = [centre, first, ...up, ...down];
  rows.sort((a, b) => a.x - b.x);
  // unique(): a point reached twice (a bound both walks end on) counts once.
  return rows.filter((r, i) => i === 0 || r.x !== rows[i - 1].x || r.zeta !== rows[i - 1].zeta);
}

/** JSON has no NA or Inf: both are null (an upper bound of ∞ is "the profile never reaches the cutoff" too). */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
