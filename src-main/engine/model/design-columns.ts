import { printExpression } from '@shared/expr/print';
import { AppError } from '@shared/errors';
import type { Term } from '@shared/formula/types';
import type { Column } from '../data/column';

/**
 * R's model.matrix for a list of terms (stats/src/model.c, modelmatrix): an
 * intercept column, then each term's columns; numbers enter as they are,
 * factors and logicals by treatment contrasts or by one indicator per level,
 * chosen by R's rule (TermCode, from Statistical Models in S p. 38). Within a
 * term the first variable varies fastest, and column names join the variables'
 * names with ":" ("standLRT:sexM", "sexF:intakemid 50%", "I(x > 0)TRUE").
 */

export interface Design {
  /** n × p, column-major. */
  X: Float64Array;
  n: number;
  p: number;
  names: string[];
  /** Term index of each column: 0 for the intercept, k for the k-th term (1-based), as R's attr(X, "assign"). */
  assign: Int32Array;
}

/** How one variable of a term enters: numeric values, or factor codes with the first column's level. */
interface Coded {
  key: string;
  values: Float64Array | null;
  codes: Int32Array | null;
  /** First level that gets a column: 1 under treatment contrasts, 0 for indicators of every level. */
  firstLevel: number;
  labels: string[];
}

const LOGICAL_LEVELS = ['FALSE', 'TRUE'];

export function buildDesign(terms: Term[], intercept: boolean, variables: Map<string, Column>, n: number, context: string): Design {
  const keys = terms.map((t) => t.factors.map(printExpression));
  const isFactor = (key: string) => variables.get(key)!.kind !== 'numeric' && variables.get(key)!.kind !== 'integer';
  const contrast = keys.map((term, t) => term.map((_, v) => usesContrasts(keys, t, v)));
  if (!intercept) {
    // R: with no intercept, the first factor of the first term that has one is coded by indicators.
    outer: for (let t = 0; t < keys.length; t++) {
      for (let v = 0; v < keys[t].length; v++) {
        if (isFactor(keys[t][v])) {
          contrast[t][v] = false;
          break outer;
        }
      }
    }
  }
  const blocks = keys.map((term, t) => term.map((key, v) => coded(key, variables.get(key)!, contrast[t][v], context)));
  const widths = blocks.map((b) => b.reduce((w, c) => w * c.labels.length, 1));
  const p = (intercept ? 1 : 0) + widths.reduce((a, b) => a + b, 0);
  const X = new Float64Array(n * p);
  const names: string[] = [];
  const assign = new Int32Array(p);
  let col = 0;
  if (intercept) {
    X.fill(1, 0, n);
    names.push('(Intercept)');
    col = 1;
  }
  blocks.forEach((block, t) => {
    fillTerm(X, n, col, block);
    for (const name of columnNames(block)) {
      assign[names.length] = t + 1;
      names.push(name);
    }
    col += widths[t];
  });
  return { X, n, p, names, assign };
}

/**
 * R's TermCode: a factor in a term is coded by contrasts when the term without it
 * is empty or is contained in an earlier term (its margin is then already in the
 * model); otherwise by indicators of every level. `y ~ x:f` therefore gives
 * x:fa and x:fb, while `y ~ x + x:f` gives x:fb only.
 */
export function usesContrasts(keys: string[][], t: number, v: number): boolean {
  const rest = keys[t].filter((_, i) => i !== v);
  if (rest.length === 0) return true;
  for (let s = 0; s < t; s++) if (rest.every((key) => keys[s].includes(key))) return true;
  return false;
}

function coded(key: string, column: Column, contrasts: boolean, context: string): Coded {
  const firstLevel = contrasts ? 1 : 0;
  if (column.kind !== 'factor') {
    if (column.kind !== 'logical') return { key, values: column.values, codes: null, firstLevel: 0, labels: [key] };
    // R's model.matrix turns a logical into a factor with both levels, used or not.
    const codes = new Int32Array(column.values.length);
    for (let i = 0; i < codes.length; i++) codes[i] = column.values[i] === 0 ? 0 : 1;
    return { key, values: null, codes, firstLevel, labels: LOGICAL_LEVELS.slice(firstLevel).map((l) => key + l) };
  }
  if (column.levels.length < 2) {
    const only = column.levels.length === 1 ? `only the level "${column.levels[0]}"` : 'no levels';
    throw new AppError(
      'bad-input',
      `${context}: the factor ${key} has ${only} in the rows used; a factor in a model needs at least two levels (R: "contrasts can be applied only to factors with 2 or more levels").`,
      { variable: key },
    );
  }
  return { key, values: null, codes: column.codes, firstLevel, labels: column.levels.slice(firstLevel).map((l) => key + l) };
}

/** Every row has at most one nonzero per term: the product of its numbers, in the column its levels pick. */
function fillTerm(X: Float64Array, n: number, start: number, block: Coded[]): void {
  const strides = new Int32Array(block.length);
  let stride = 1;
  block.forEach((c, v) => {
    strides[v] = stride;
    stride *= c.labels.length;
  });
  if (block.length === 1) {
    fillSingle(X, n, start, block[0]);
    return;
  }
  for (let i = 0; i < n; i++) {
    let offset = 0;
    let value = 1;
    let present = true;
    for (let v = 0; v < block.length; v++) {
      const c = block[v];
      if (c.codes) {
        const level = c.codes[i] - c.firstLevel;
        if (level < 0) {
          present = false;
          break;
        }
        offset += level * strides[v];
      } else {
        value *= c.values![i];
      }
    }
    if (present) X[(start + offset) * n + i] = value;
  }
}

function fillSingle(X: Float64Array, n: number, start: number, c: Coded): void {
  if (c.values) {
    X.set(c.values.subarray(0, n), start * n);
    return;
  }
  const codes = c.codes!;
  const first = c.firstLevel;
  for (let i = 0; i < n; i++) {
    const level = codes[i] - first;
    if (level >= 0) X[(start + level) * n + i] = 1;
  }
}

/** Names in column order: the first variable varies fastest, as in R. */
function columnNames(block: Coded[]): string[] {
  let names = [''];
  block.forEach((c, v) => {
    const next: string[] = [];
    for (const label of c.labels) for (const prefix of names) next.push(v === 0 ? label : `${prefix}:${label}`);
    names = next;
  });
  return names;
}
