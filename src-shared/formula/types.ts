import type { Expr } from '../expr/ast';

/**
 * A model formula after R's terms() logic: the response, the fixed-effect
 * terms in R's order, offsets, and lme4's random-effects terms. Each term is
 * the list of variables (expressions) it interacts; `label` is R's term label
 * (`standLRT:sex`), from which design-matrix column names are made.
 */
export interface Term {
  label: string;
  /** Variables multiplied together, in the order R keeps them (order of first appearance in the formula). */
  factors: Expr[];
}

export interface RandomTerm {
  /** What varies by group: intercept and the terms to the left of the bar. */
  intercept: boolean;
  terms: Term[];
  /** The grouping factor; several for an interaction such as g1:g2 (leftmost varies slowest in the level order). */
  group: Expr[];
  /** As lme4 names the grouping factor: "school", "g2:g1" (for `g1/g2`), "g3:(g2:g1)". */
  groupLabel: string;
  /** False for a term that came from `||` (lme4 splits it into uncorrelated terms). */
  correlated: boolean;
  /** The bar term as written, e.g. "(standLRT | school)". */
  source: string;
  /** Which bar term as written (0-based, left to right) this term came from: `(x || g1/g2)` gives four terms with one origin. */
  origin: number;
}

export interface ParsedFormula {
  /** As written by the person (whitespace normalised as R's deparse). */
  source: string;
  /** Exactly the text that was parsed; the `start`/`end` offsets of every expression index into it. */
  text: string;
  /** The whole formula as written; printFormula deparses it, as lme4's summary prints the call's formula. */
  expr: Expr;
  response: Expr | null;
  intercept: boolean;
  terms: Term[];
  /**
   * Every variable of the fixed part in R's order (attr(terms, "variables") without the response and
   * offsets), including variables of removed terms: `y ~ a - b` still reads b, and R's model frame
   * drops the rows where b is missing.
   */
  variables: Expr[];
  offsets: Expr[];
  random: RandomTerm[];
}
