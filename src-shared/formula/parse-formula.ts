import type { Expr } from '../expr/ast';
import { parseExpression } from '../expr/parse';
import { printExpression } from '../expr/print';
import { syntaxError } from '../expr/tokenize';
import { encodeTerms } from './terms';
import type { ParsedFormula, RandomTerm, Term } from './types';

type Binary = Extract<Expr, { type: 'binary' }>;
const WHAT = 'formula';

/**
 * Parses an lme4 model formula: the fixed part expanded as R's terms() does
 * (terms.ts), the random part as lme4's findbars(): `(x || g)` becomes
 * uncorrelated terms (1 | g) + (0 + x | g) (expandDoubleVerts), and
 * `(1 | g1/g2)` becomes (1 | g2:g1) + (1 | g1) (expandSlash), named as lme4 names them.
 */
export function parseFormula(text: string): ParsedFormula {
  const expr = parseExpression(text, WHAT);
  const { response, rhs } = sides(expr, text);
  const random: RandomTerm[] = [];
  let origin = 0;
  const encoded = encodeTerms(rhs, {
    source: text,
    what: WHAT,
    leading: response ? [response] : [],
    allowOffsets: true,
    onBar: (bar, paren) => random.push(...expandBar(bar, paren, origin++, text)),
  });
  return {
    source: printExpression(expr),
    text,
    expr,
    response,
    intercept: encoded.intercept,
    terms: encoded.terms,
    variables: encoded.variables,
    offsets: encoded.offsets,
    random,
  };
}

export interface GroupedFormula {
  /** The formula without the grouping part (`normexam ~ standLRT`). */
  formula: ParsedFormula;
  group: Expr[];
  groupLabel: string;
}

/**
 * A formula for one regression per group (nlme's lmList, lattice's conditioning):
 * `normexam ~ standLRT | school`. The bar is the last operator, not a random-effects term.
 */
export function parseGroupedFormula(text: string): GroupedFormula {
  const expr = parseExpression(text, WHAT);
  const { response, rhs } = sides(expr, text);
  if (!rhs || rhs.type !== 'binary' || rhs.op !== '|') {
    throw syntaxError(text, rhs?.start ?? expr.end, 'a formula for one fit per group ends in "| group", e.g. normexam ~ standLRT | school', WHAT);
  }
  const fixed: Expr = response
    ? { type: 'binary', op: '~', left: response, right: rhs.left, start: expr.start, end: rhs.left.end }
    : { type: 'unary', op: '~', arg: rhs.left, start: expr.start, end: rhs.left.end };
  const encoded = encodeTerms(rhs.left, { source: text, what: WHAT, leading: response ? [response] : [], allowOffsets: true });
  const groups = slashGroups(rhs.right, text);
  if (groups.length !== 1) throw syntaxError(text, rhs.right.start, 'give one grouping factor (or an interaction g1:g2), not a nesting g1/g2', WHAT);
  return {
    formula: {
      source: printExpression(fixed),
      text,
      expr: fixed,
      response,
      intercept: encoded.intercept,
      terms: encoded.terms,
      variables: encoded.variables,
      offsets: encoded.offsets,
      random: [],
    },
    group: groups[0].atoms,
    groupLabel: printExpression(groups[0].expr),
  };
}

function sides(expr: Expr, text: string): { response: Expr | null; rhs: Expr | null } {
  if (expr.type === 'binary' && expr.op === '~') {
    checkResponse(expr.left, text);
    return { response: expr.left, rhs: expr.right };
  }
  if (expr.type === 'unary' && expr.op === '~') return { response: null, rhs: expr.arg };
  throw syntaxError(text, 0, 'a model formula needs "~" between the response and the terms, e.g. normexam ~ standLRT + (1 | school)', WHAT);
}

/** The response is any expression the evaluator can compute (`log(y)`, `cbind(s, n - s)`), but not formula syntax. */
function checkResponse(e: Expr, text: string): void {
  const bad = findOperator(e, ['~', '|', '||']);
  if (bad?.op === '~') throw syntaxError(text, bad.start, 'a formula has only one "~"', WHAT);
  if (bad) throw syntaxError(text, bad.start, `"${bad.op}" cannot appear in the response (left of ~)`, WHAT);
  if (e.type === 'number') throw syntaxError(text, e.start, `the response must be a variable, not the number ${e.text}`, WHAT);
}

/** The first formula operator outside function calls (inside I(…) or ifelse(…) `|` is R's "or"). */
function findOperator(e: Expr, ops: string[]): Binary | null {
  if (e.type === 'binary') {
    if (ops.includes(e.op)) return e;
    return findOperator(e.left, ops) ?? findOperator(e.right, ops);
  }
  if (e.type === 'paren') return findOperator(e.inner, ops);
  if (e.type === 'unary') return findOperator(e.arg, ops);
  return null;
}

function expandBar(bar: Binary, paren: Expr, origin: number, text: string): RandomTerm[] {
  const source = printExpression(paren);
  const lhs = encodeTerms(bar.left, { source: text, what: WHAT, allowOffsets: false });
  if (!lhs.intercept && lhs.terms.length === 0) {
    throw syntaxError(text, bar.left.start, `the random-effects term ${source} has nothing that varies by group (no intercept and no slope)`, WHAT);
  }
  const correlated = bar.op === '|';
  // lme4's expandDoubleVerts: one uncorrelated piece for the intercept and one per term.
  const pieces: { intercept: boolean; terms: Term[] }[] = correlated
    ? [{ intercept: lhs.intercept, terms: lhs.terms }]
    : [...(lhs.intercept ? [{ intercept: true, terms: [] }] : []), ...lhs.terms.map((t) => ({ intercept: false, terms: [t] }))];
  const groups = slashGroups(bar.right, text);
  const out: RandomTerm[] = [];
  for (const piece of pieces) {
    for (const g of groups) {
      out.push({ ...piece, group: g.atoms, groupLabel: printExpression(g.expr), correlated, source, origin });
    }
  }
  return out;
}

interface Group {
  expr: Expr;
  atoms: Expr[];
}

/**
 * lme4's expandSlash: g1/g2/g3 nests to g3:(g2:g1), g2:g1 and g1, innermost first. Each
 * component may itself be an interaction (school/class:year gives class:year:school).
 */
function slashGroups(e: Expr, text: string): Group[] {
  const components: Expr[] = [];
  let node = e;
  while (node.type === 'binary' && node.op === '/') {
    components.unshift(node.right);
    node = node.left;
  }
  components.unshift(node);
  const atomsOf = components.map((c) => groupAtoms(c, text));
  const groups: Group[] = [{ expr: components[0], atoms: atomsOf[0] }];
  for (let k = 1; k < components.length; k++) {
    const inner = groups[0];
    const right: Expr = isColon(inner.expr) ? { type: 'paren', inner: inner.expr, start: inner.expr.start, end: inner.expr.end } : inner.expr;
    const expr: Expr = { type: 'binary', op: ':', left: components[k], right, start: e.start, end: e.end };
    groups.unshift({ expr, atoms: [...atomsOf[k], ...inner.atoms] });
  }
  return groups;
}

function isColon(e: Expr): boolean {
  return e.type === 'binary' && e.op === ':';
}

/** The factors a grouping component interacts, left to right (the leftmost varies slowest in lme4's level order). */
function groupAtoms(e: Expr, text: string): Expr[] {
  if (e.type === 'paren') return groupAtoms(e.inner, text);
  if (e.type === 'binary' && e.op === ':') return [...groupAtoms(e.left, text), ...groupAtoms(e.right, text)];
  if (e.type === 'name' && e.name !== '.') return [e];
  if (e.type === 'call') return [e];
  throw syntaxError(
    text,
    e.start,
    `the grouping factor ${printExpression(e)} must be a variable, an interaction of variables (g1:g2) or a nesting (g1/g2)`,
    WHAT,
  );
}
