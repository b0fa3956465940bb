import { readFileSync } from 'node:fs';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import type { LmDesign } from '../../../../src-main/engine/lm/fit-lm';

/**
 * Test-only design matrices built by hand from imported sample data, so the lm tests
 * do not depend on the model-matrix code: numeric columns as they are, a factor as
 * treatment-contrast dummies (one per level after the reference), R's column names.
 */
export interface Data {
  rows: number;
  columns: Column[];
}

export function fixture(path: string): Record<string, unknown> & { levels: Record<string, string[]> } {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8'));
}

export async function sampleData(fileName: string, levels: Record<string, string[]> = {}): Promise<Data> {
  const bytes = readFileSync(new URL(`../../../../resources/sample-data/${fileName}`, import.meta.url));
  return readDataFile(bytes, { fileName, levels }, silentContext);
}

export async function fileData(url: URL, levels: Record<string, string[]> = {}): Promise<Data> {
  const bytes = readFileSync(url);
  return readDataFile(bytes, { fileName: url.pathname.split('/').pop() as string, levels }, silentContext);
}

export function col(data: Data, name: string): Column {
  const c = data.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

export function values(data: Data, name: string): Float64Array {
  const c = col(data, name);
  if (c.kind === 'factor') throw new Error(`${name} is a factor`);
  return c.values;
}

/** A term of the hand-made design: the intercept, a numeric column, or a factor (all levels when `full`). */
export type Part = { intercept: true } | { numeric: string; label?: string; scale?: number } | { factor: string; full?: boolean };

export function design(data: Data, parts: Part[], rows?: Int32Array): LmDesign {
  const keep = rows ?? Int32Array.from({ length: data.rows }, (_, i) => i);
  const n = keep.length;
  const cols: Float64Array[] = [];
  const names: string[] = [];
  for (const part of parts) {
    if ('intercept' in part) {
      cols.push(new Float64Array(n).fill(1));
      names.push('(Intercept)');
    } else if ('numeric' in part) {
      const v = values(data, part.numeric);
      const scale = part.scale ?? 1;
      cols.push(Float64Array.from(keep, (i) => v[i] * scale));
      names.push(part.label ?? part.numeric);
    } else {
      const c = col(data, part.factor);
      if (c.kind !== 'factor') throw new Error(`${part.factor} is not a factor`);
      for (let level = part.full ? 0 : 1; level < c.levels.length; level++) {
        cols.push(Float64Array.from(keep, (i) => (c.codes[i] === level ? 1 : 0)));
        names.push(part.factor + c.levels[level]);
      }
    }
  }
  const X = new Float64Array(n * cols.length);
  cols.forEach((c, j) => X.set(c, j * n));
  return { X, n, p: cols.length, names };
}

export function response(data: Data, name: string, rows?: Int32Array): Float64Array {
  const v = values(data, name);
  return rows ? Float64Array.from(rows, (i) => v[i]) : Float64Array.from(v);
}

/** Relative error, or absolute error for reference values near zero (the fixtures' README rule). */
export function closeTo(actual: number, expected: number | null, rel = 1e-4, abs = 1e-6): boolean {
  if (expected === null) return Number.isNaN(actual);
  if (Math.abs(expected) < abs) return Math.abs(actual - expected) < abs;
  return Math.abs(actual - expected) / Math.abs(expected) < rel;
}
