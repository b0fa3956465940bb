import type { Expr } from '../expr/ast';
import { printExpression } from '../expr/print';
import { AppError } from '../errors';
import { encodeTerms } from './terms';
import { parseFormula } from './parse-formula';
import type { ParsedFormula } from './types';

/** The formula as lme4's summary prints it ("Formula: normexam ~ standLRT + (1 | school)"): R's deparse of what was written. */
export function printFormula(parsed: ParsedFormula): string {
  return printExpression(parsed.expr);
}

/** One random-effects term of the point-and-click model builder. */
export interface RandomSpec {
  /** The grouping factor as written: "school", "g1:g2", or a nesting "school/class". */
  group: string;
  intercept: boolean;
  /** Term labels of the varying slopes ("standLRT", "sex", "standLRT:sex"). */
  slopes: string[];
  /** False for lme4's `||`: no correlations between the intercept and slopes. */
  correlated: boolean;
}

/** The model builder's view of a formula: what a person picks, not how it is spelled. */
export interface ModelSpec {
  response: string;
  /** Fixed-effect term labels in R's order ("standLRT", "sex", "standLRT:sex"). */
  fixed: string[];
  intercept: boolean;
  random: RandomSpec[];
  /** Offset expressions ("log(exposure)"); absent when there are none. */
  offsets?: string[];
}

/**
 * Writes a spec as lme4 formula text and parses it: `response ~ fixed + offset(…) + (slopes | group)`,
 * with `0 +` for no intercept, `(1 | g)` for an intercept only and `(0 + x | g)` for slopes only.
 */
export function formulaFromSpec(spec: ModelSpec): ParsedFormula {
  if (spec.response.trim() === '') throw new AppError('bad-input', 'The model has no response: choose the variable to explain.');
  const parts: string[] = [];
  if (!spec.intercept) parts.push('0');
  else if (spec.fixed.length === 0) parts.push('1');
  parts.push(...spec.fixed);
  for (const o of spec.offsets ?? []) parts.push(`offset(${o})`);
  for (const r of spec.random) {
    if (!r.intercept && r.slopes.length === 0) {
      throw new AppError('bad-input', `The random-effects term for ${r.group} has neither an intercept nor a slope.`);
    }
    const lhs = r.intercept ? (r.slopes.length === 0 ? ['1'] : r.slopes) : ['0', ...r.slopes];
    parts.push(`(${lhs.join(' + ')} ${r.correlated ? '|' : '||'} ${r.group})`);
  }
  return parseFormula(`${spec.response} ~ ${parts.join(' + ')}`);
}

/**
 * The spec of a parsed formula. Random terms are read as written, one per bar term, so
 * `(x || g)` and `(1 | g1/g2)` stay single entries; fixed terms are R's expanded labels.
 */
export function specFromFormula(parsed: ParsedFormula): ModelSpec {
  if (!parsed.response) throw new AppError('bad-input', `The formula "${parsed.source}" has no response (nothing left of ~).`);
  const spec: ModelSpec = {
    response: printExpression(parsed.response),
    fixed: parsed.terms.map((t) => t.label),
    intercept: parsed.intercept,
    random: writtenBars(parsed.expr).map((bar) => {
      const lhs = encodeTerms(bar.left, { source: parsed.text, what: 'formula', allowOffsets: false });
      return {
        group: printExpression(bar.right),
        intercept: lhs.intercept,
        slopes: lhs.terms.map((t) => t.label),
        correlated: bar.op === '|',
      };
    }),
  };
  if (parsed.offsets.length > 0) spec.offsets = parsed.offsets.map(printExpression);
  return spec;
}

type Binary = Extract<Expr, { type: 'binary' }>;

/** The bar terms as written, left to right, in the positions parseFormula accepts them. */
function writtenBars(expr: Expr): Binary[] {
  const out: Binary[] = [];
  const visit = (e: Expr): void => {
    if (e.type === 'paren') {
      if (e.inner.type === 'binary' && (e.inner.op === '|' || e.inner.op === '||')) out.push(e.inner);
      else visit(e.inner);
    } else if (e.type === 'binary' && (e.op === '+' || e.op === '-')) {
      visit(e.left);
      if (e.op === '+') visit(e.right);
    } else if (e.type === 'unary' && e.op === '+') {
      visit(e.arg);
    }
  };
  if (expr.type === 'binary' && expr.op === '~') visit(expr.right);
  else if (expr.type === 'unary' && expr.op === '~') visit(expr.arg);
  return out;
}
