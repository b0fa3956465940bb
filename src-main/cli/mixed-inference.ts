import { AppError } from '@shared/errors';
import type { LmerFit } from '../engine/lmm/fit-lmer';
import type { LmmModel } from '../engine/lmm/model';
import { bootstrapLmm } from '../engine/inference/bootstrap/bootstrap-lmm';
import { ddfTests } from '../engine/inference/ddf-tests';
import { profileLmm } from '../engine/inference/profile/profile-lmm';
import { formatWaldConfint } from '../engine/inference/wald-text';
import type { CliOptions } from './args';

/**
 * --ddf and --confint for an lmer fit: the numbers under the reference results'
 * names (satterthwaite / kenward_roger beside fit; confint_profile and confint_boot
 * inside it, confint_wald being there always) and, for the text output, what
 * lmerTest and confint() print, after lme4's summary.
 */
export interface LmerInference {
  /** Top-level JSON fields (satterthwaite or kenward_roger). */
  top: Record<string, unknown>;
  /** Fields added to `fit` (confint_profile, confint_boot). */
  fit: Record<string, unknown>;
  text: string;
  /** For stderr: the seed chosen when none was given, failed bootstrap refits. */
  notes: string[];
}

/** lme4's confint(method = "boot") default. */
export const DEFAULT_NSIM = 500;

export async function lmerInference(options: CliOptions, model: LmmModel, fit: LmerFit): Promise<LmerInference> {
  const out: LmerInference = { top: {}, fit: {}, text: '', notes: [] };
  const theta = Float64Array.from(fit.theta);
  if ((options.nsim !== null || options.seed !== null) && options.confint !== 'boot') {
    throw new AppError('bad-input', '--nsim and --seed set up the parametric bootstrap: give them with --confint boot.');
  }
  if (options.ddf) {
    const tests = await ddfTests(model, theta, fit.reml, options.ddf);
    const { kind: _kind, method: _method, text, messages, ...numbers } = tests;
    out.top[options.ddf === 'satterthwaite' ? 'satterthwaite' : 'kenward_roger'] = numbers;
    out.text += `\n${text}`;
    out.notes.push(...messages);
  }
  if (options.confint === 'wald') out.text += `\n${formatWaldConfint({ ...fit, hasSigma: true })}`;
  if (options.confint === 'profile') {
    const profile = await profileLmm(model, theta, fit.reml, {});
    out.fit.confint_profile = { names: profile.names, ci: profile.ci };
    out.text += `\n${profile.text}`;
    out.notes.push(...profile.messages);
  }
  if (options.confint === 'boot') {
    let seed = options.seed;
    if (seed === null) {
      seed = Math.floor(Math.random() * 2_147_483_647);
      out.notes.push(`Bootstrap seed ${seed} (give --seed ${seed} to get the same intervals again).`);
    }
    const nsim = options.nsim ?? DEFAULT_NSIM;
    const boot = await bootstrapLmm(model, theta, fit.reml, { nsim, seed });
    out.fit.confint_boot = { nsim, seed, type: boot.type, names: boot.names, ci: boot.ci };
    out.text += `\n${boot.text}`;
    out.notes.push(...boot.messages);
  }
  return out;
}
