import type { VarCorrTerm } from './results';

/**
 * A singular fit in plain words. lme4 only says "boundary (singular) fit";
 * a student needs to know which part of the random-effects structure the data
 * cannot support and what simpler model to try. A diagonal element of Λ(θ) at
 * (almost) zero means that column's random effect is either not varying at all
 * or a fixed linear combination of the term's earlier columns; lme4's
 * isSingular uses the same 1e-4 threshold.
 */
export interface SingularExplanation {
  /** One sentence per degenerate random effect. */
  findings: string[];
  /** Simpler models to try, as lme4 formulas' random parts. */
  suggestions: string[];
}

const SINGULAR_TOL = 1e-4;

/**
 * `variables`: the formula's variable labels, so that a suggestion names the
 * variable (`sex`) rather than the design column (`sexM`).
 */
export function explainSingular(
  varcorr: readonly VarCorrTerm[],
  theta: readonly number[],
  sigma: number,
  variables: readonly string[] = [],
): SingularExplanation {
  const findings: string[] = [];
  const suggestions = new Set<string>();
  let offset = 0;
  for (const term of varcorr) {
    const q = term.names.length;
    for (let j = 0; j < q; j++) {
      // θ holds each term's lower triangle column by column: column j's diagonal comes after the j earlier columns.
      const diagonal = offset + j * q - (j * (j - 1)) / 2;
      if (Math.abs(theta[diagonal]) >= SINGULAR_TOL) continue;
      findings.push(describe(term, j, sigma));
      for (const s of simpler(term, j, variables)) suggestions.add(s);
    }
    offset += (q * (q + 1)) / 2;
  }
  return { findings, suggestions: [...suggestions] };
}

function describe(term: VarCorrTerm, j: number, sigma: number): string {
  const name = term.names[j];
  const effect = name === '(Intercept)' ? `intercept by ${term.group}` : `${name} slope by ${term.group}`;
  const variance = `${fmt(term.variance[j])} (SD ${fmt(term.sd[j])}, against a residual variance of ${fmt(sigma * sigma)})`;
  const correlations = term.corr
    ? term.names.flatMap((other, k) => (k === j || !Number.isFinite(term.corr![j][k]) ? [] : [`${fmt(term.corr![j][k])} with ${other}`]))
    : [];
  if (term.sd[j] < SINGULAR_TOL * sigma || correlations.length === 0) {
    return `The ${effect} has a variance of ≈ 0: ${variance}. These data give no evidence that it varies between ${term.group} groups.`;
  }
  return (
    `The ${effect} has a variance of ≈ 0 once the other effects of ${term.group} are allowed for: ${variance}, ` +
    `and its correlations (${correlations.join(', ')}) make it a combination of them, so this term is not supported by these data.`
  );
}

function simpler(term: VarCorrTerm, j: number, variables: readonly string[]): string[] {
  // A factor's columns are its name plus a level (sexM): name the variable, once.
  const variableOf = (column: string) =>
    variables.filter((v) => column.startsWith(v)).sort((a, b) => b.length - a.length)[0] ?? column;
  const dropped = variableOf(term.names[j]);
  const kept = term.names.filter((n, k) => k !== j && (n === '(Intercept)' || variableOf(n) !== dropped));
  const label = (names: string[]) => {
    const slopes = [...new Set(names.filter((n) => n !== '(Intercept)').map(variableOf))];
    if (!names.includes('(Intercept)')) return `(0 + ${slopes.join(' + ')} | ${term.group})`;
    return slopes.length === 0 ? `(1 | ${term.group})` : `(${slopes.join(' + ')} | ${term.group})`;
  };
  const out: string[] = [];
  if (kept.length > 0) out.push(`${label(kept)}, without the ${dropped} effect`);
  if (term.names.length > 1) out.push(`${label(term.names).replace(' | ', ' || ')}, the same effects without correlations`);
  return out;
}

function fmt(x: number): string {
  return Number(x.toPrecision(2)).toString();
}
