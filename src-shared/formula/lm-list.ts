import { parseExpression } from '../expr/parse';
import { printExpression } from '../expr/print';
import { syntaxError } from '../expr/tokenize';
import { parseGroupedFormula } from './parse-formula';
import type { ParsedFormula } from './types';

/**
 * nlme's lmList formula, `normexam ~ standLRT | school`: one ordinary
 * regression per level of one grouping factor. nlme refuses an interaction
 * after the bar ("invalid formula for groups") and reads a nesting g1/g2 as
 * the inner level only, so Nestor takes a single variable name there.
 */
export interface LmListFormula {
  /** The regression fitted in every group, without the bar: normexam ~ standLRT. */
  formula: ParsedFormula;
  /** The grouping variable's name (school). */
  group: string;
  /** The whole formula as R deparses it: normexam ~ standLRT | school. */
  source: string;
}

export function parseLmListFormula(text: string): LmListFormula {
  const grouped = parseGroupedFormula(text);
  const [first, ...more] = grouped.group;
  if (more.length > 0 || first.type !== 'name') {
    throw syntaxError(
      text,
      first.start,
      `lmList groups by one factor, so write a single variable name after "|", as in normexam ~ standLRT | school (${grouped.groupLabel} is not one variable)`,
      'formula',
    );
  }
  return { formula: grouped.formula, group: first.name, source: printExpression(parseExpression(text, 'formula')) };
}

/** Why a formula cannot be an lmList formula (the parser's message, with where), or null when it can. */
export function lmListFormulaProblem(text: string): string | null {
  try {
    parseLmListFormula(text);
    return null;
  } catch (error) {
    if (error instanceof Error) return error.message;
    throw error;
  }
}
