/**
 * A fit's messages sorted for the reader: the singular-fit explanation in its
 * own box, convergence problems as warnings, everything else (rows dropped for
 * missing values, columns dropped as aliased) as plain notes. The engine words
 * them; this only decides where each one goes.
 */
export interface FitNotices {
  singular: {
    /** One sentence per random effect the data do not support. */
    findings: string[];
    /** "Simpler random effects to try: …", if the engine had suggestions. */
    suggestions: string | null;
    /** lme4's own words ("boundary (singular) fit: see help('isSingular')"). */
    lme4: string | null;
  } | null;
  warnings: string[];
  notes: string[];
}

const SINGULAR_LME4 = /^boundary \(singular\) fit/;
const SINGULAR_FINDING = /has a variance of ≈ 0/;
const SUGGESTIONS = /^Simpler random effects to try:/;
const CONVERGENCE = /converge|gradient|Hessian|unidentifiable/i;

export function sortMessages(messages: readonly string[], isSingular: boolean, notConverged: string | null): FitNotices {
  const findings: string[] = [];
  let suggestions: string | null = null;
  let lme4: string | null = null;
  const warnings: string[] = [];
  const notes: string[] = [];
  if (notConverged !== null) warnings.push(`The optimiser stopped before it converged (${notConverged}); the estimates may not be the best ones.`);
  for (const message of messages) {
    if (SINGULAR_LME4.test(message)) lme4 = message;
    else if (SINGULAR_FINDING.test(message)) findings.push(message);
    else if (SUGGESTIONS.test(message)) suggestions = message;
    else if (CONVERGENCE.test(message)) warnings.push(message);
    else notes.push(message);
  }
  const singular = isSingular || lme4 !== null || findings.length > 0 ? { findings, suggestions, lme4 } : null;
  return { singular, warnings, notes };
}
