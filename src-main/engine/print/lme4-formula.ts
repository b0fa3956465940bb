import type { Expr } from '@shared/expr/ast';
import { parseExpression } from '@shared/expr/parse';
import { printExpression } from '@shared/expr/print';
import { encodeTerms } from '@shared/formula/terms';
import { deparseLines } from './deparse';

/**
 * The formula lme4 keeps in a fit's call, which its summary ("Formula:") and anova
 * ("m2: …") print: the formula as written, except that lFormula() has replaced each
 * `(x || g)` by uncorrelated terms (expandDoubleVerts), e.g.
 * `Reaction ~ Days + ((1 | Subject) + (0 + Days | Subject))`.
 */
const WHAT = 'formula';

type Binary = Extract<Expr, { type: 'binary' }>;

/** lme4's expandDoubleVert(): `a + b || g` → `(1 | g) + (0 + a | g) + (0 + b | g)`, from the terms' labels. */
function expandDoubleVert(bar: Binary, source: string): Expr {
  const lhs = encodeTerms(bar.left, { source, what: WHAT, allowOffsets: false });
  const group = printExpression(bar.right);
  const parts = lhs.terms.map((t) => `0+${t.label}`);
  if (lhs.intercept) parts.unshift('1');
  // lme4 pastes the pieces into "~(…|g)+(…|g)" and parses that text; so does this.
  const text = `~(${parts.map((p) => `${p}|${group}`).join(')+(')})`;
  const parsed = parseExpression(text, WHAT);
  return parsed.type === 'unary' ? parsed.arg : parsed;
}

function expand(e: Expr, source: string): Expr {
  switch (e.type) {
    case 'paren':
      return { ...e, inner: expand(e.inner, source) };
    case 'binary':
      if (e.op === '||') return expandDoubleVert(e, source);
      return { ...e, left: expand(e.left, source), right: expand(e.right, source) };
    case 'unary':
      return { ...e, arg: expand(e.arg, source) };
    case 'call':
      return { ...e, args: e.args.map((a) => ({ ...a, value: expand(a.value, source) })) };
    default:
      return e;
  }
}

/** The right-hand side with every `||` term expanded, the response untouched, as lFormula() rewrites it. */
export function lme4CallFormula(source: string): Expr {
  const expr = parseExpression(source, WHAT);
  if (expr.type === 'binary' && expr.op === '~') return { ...expr, right: expand(expr.right, source) };
  if (expr.type === 'unary' && expr.op === '~') return { ...expr, arg: expand(expr.arg, source) };
  return expand(expr, source);
}

/** deparse() of the call's formula: the lines of summary's "Formula:" (width.cutoff 60). */
export function lme4FormulaLines(source: string): string[] {
  return deparseLines(lme4CallFormula(source));
}

/** deparse1() of the call's formula: one line (width.cutoff 500, lines pasted with spaces), as anova's heading has it. */
export function lme4FormulaLine(source: string): string {
  return deparseLines(lme4CallFormula(source), 500).join(' ');
}
