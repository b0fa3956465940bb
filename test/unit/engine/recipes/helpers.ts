import { expect } from 'vitest';
import { AppError } from '@shared/errors';
import { parseExpression } from '@shared/expr/parse';
import type { Column, FactorColumn, NumericColumn, NumericKind } from '../../../../src-main/engine/data/column';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { evaluate } from '../../../../src-main/engine/recipes/evaluate';

export function numeric(name: string, values: readonly number[], kind: NumericKind = 'numeric'): NumericColumn {
  return { name, kind, values: Float64Array.from(values) };
}

/** A factor column from labels (null = NA), levels in the given order or first-seen order. */
export function factor(name: string, labels: readonly (string | null)[], levels?: string[]): FactorColumn {
  const lv = levels ?? [...new Set(labels.filter((l): l is string => l !== null))];
  return { name, kind: 'factor', codes: Int32Array.from(labels, (l) => (l === null ? -1 : lv.indexOf(l))), levels: lv };
}

export function frameOf(...columns: Column[]): DataFrame {
  const rows = columns.length === 0 ? 1 : columns[0].kind === 'factor' ? columns[0].codes.length : columns[0].values.length;
  return { rows, columns };
}

export function run(source: string, frame: DataFrame, warnings?: string[]): Column {
  return evaluate(parseExpression(source), frame, { source, what: 'expression', warnings });
}

/** The numbers of a numeric result (NaN for NA). */
export function nums(source: string, frame: DataFrame, warnings?: string[]): number[] {
  const c = run(source, frame, warnings);
  if (c.kind === 'factor') throw new Error(`${source} gave a factor`);
  return Array.from(c.values);
}

/** A factor result as labels (null = NA) and its levels. */
export function labels(source: string, frame: DataFrame, warnings?: string[]): { labels: (string | null)[]; levels: string[] } {
  const c = run(source, frame, warnings);
  if (c.kind !== 'factor') throw new Error(`${source} gave ${c.kind}`);
  return { labels: Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])), levels: c.levels };
}

/** Runs `fn`, expects a bad-input AppError, and returns its message and 1-based position. */
export function badInput(fn: () => unknown): { message: string; position?: number; detail: Record<string, unknown> } {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  const e = caught as AppError;
  expect(e.code).toBe('bad-input');
  const detail = (e.detail ?? {}) as Record<string, unknown>;
  return { message: e.message, position: detail.position as number | undefined, detail };
}
