import type { ParsedFormula } from '@shared/formula/types';
import { GLMER_LINKS, type GlmerFamily, type GlmerLink } from '@shared/models';
import { matrixColumns, type CheckColumn } from './checks';

/**
 * The choices a generalized linear mixed model (glmer) adds to the builder: the
 * response's family, its link, and lme4's nAGQ (1: the Laplace approximation,
 * lme4's default; 0: the faster, rougher fit with β inside PIRLS; 2–25: adaptive
 * Gauss-Hermite quadrature, which lme4 allows only for a single random-effects
 * term with one effect per group).
 */
export interface GlmerChoices {
  family: GlmerFamily;
  link: GlmerLink;
  nAGQ: number;
}

export const DEFAULT_GLMER: GlmerChoices = { family: 'binomial', link: 'logit', nAGQ: 1 };
export const MAX_AGQ = 25;

export const FAMILY_LABELS: Record<GlmerFamily, string> = {
  binomial: 'binomial: 0/1 outcomes or successes out of trials',
  poisson: 'poisson: counts',
};

export function linksOf(family: GlmerFamily): readonly GlmerLink[] {
  return GLMER_LINKS[family];
}

/** Another family: the link stays when the family takes it, else becomes the family's default. */
export function withFamily(choices: GlmerChoices, family: GlmerFamily): GlmerChoices {
  const links = linksOf(family);
  return { ...choices, family, link: links.includes(choices.link) ? choices.link : links[0] };
}

export interface AgqAvailability {
  /** The largest nAGQ the model allows: 25 for one scalar term, else 1. */
  max: number;
  /** Why quadrature (nAGQ > 1) is not offered, in plain words; null when it is. */
  reason: string | null;
}

/** lme4: "nAGQ > 1 is only available for models with a single, scalar random-effects term". */
export function agqAvailability(parsed: ParsedFormula | null, columns: readonly CheckColumn[]): AgqAvailability {
  if (!parsed || parsed.random.length === 0) return { max: 1, reason: 'Adaptive quadrature (nAGQ above 1) needs a random-effects term, such as (1 | school).' };
  if (parsed.random.length > 1) {
    return {
      max: 1,
      reason: `Adaptive quadrature (nAGQ above 1) works only with a single random-effects term; this model has ${parsed.random.length} (${parsed.random.map((r) => r.source).join(', ')} as lme4 reads them). Use the Laplace approximation (nAGQ = 1).`,
    };
  }
  const r = parsed.random[0];
  const q = matrixColumns(r.intercept, r.terms, new Map(columns.map((c) => [c.name, c])));
  if (q !== 1) {
    return {
      max: 1,
      reason: `Adaptive quadrature (nAGQ above 1) works only when each group has one random effect, such as (1 | ${r.groupLabel}); ${r.source} gives each group ${q ?? 'several'}. Use the Laplace approximation (nAGQ = 1).`,
    };
  }
  return { max: MAX_AGQ, reason: null };
}

/** The nAGQ to fit with: the chosen one, or the Laplace approximation when the model does not allow quadrature. */
export function effectiveAgq(nAGQ: number, availability: AgqAvailability): number {
  return nAGQ > availability.max ? 1 : nAGQ;
}

/** The nAGQ choices to offer, each with its plain-word name. */
export function agqOptions(): { value: number; label: string }[] {
  return [
    { value: 1, label: '1 (Laplace, lme4’s default)' },
    { value: 0, label: '0 (fast: fixed effects inside PIRLS)' },
    ...Array.from({ length: MAX_AGQ - 1 }, (_, k) => ({ value: k + 2, label: `${k + 2} quadrature points` })),
  ];
}
