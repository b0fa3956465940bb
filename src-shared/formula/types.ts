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
  /** The grouping factor; several for an interaction such as g1:g2. */
  group: Expr[];
  /** As lme4 names the grouping factor: "school", "g1:g2". */
  groupLabel: string;
  /** False for a term that came from `||` (lme4 splits it into uncorrelated terms). */
  correlated: boolean;
  /** The bar term as written, e.g. "(standLRT | school)". */
  source: string;
}

export interface ParsedFormula {
  /** As written by the person (whitespace normalised as R's deparse). */
  source: string;
  response: Expr | null;
  intercept: boolean;
  terms: Term[];
  offsets: Expr[];
  random: RandomTerm[];
}
