/**
 * Model frame and fixed-effects design on a seeded 1,000,000-row × 10-column data
 * frame (7 numeric columns, factors f1 with 5 levels, f2 with 4, g with 1,000),
 * for `y ~ x1 + x2 + f1 * f2 + x3` (23 columns). Goal: the design, aliasing check
 * included, well under a second.
 * Run: npx vitest bench --run bench/model-design.bench.ts
 */
import { bench, describe } from 'vitest';
import { parseFormula } from '../src-shared/formula/parse-formula';
import type { Column } from '../src-main/engine/data/column';
import { buildFixedDesign } from '../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../src-main/engine/model/model-frame';
import { uniformGenerator as generator } from './support/random';

const ROWS = 1_000_000;


const random = generator(20240613);
const columns: Column[] = ['y', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6'].map((name) => ({
  name,
  kind: 'numeric',
  values: Float64Array.from({ length: ROWS }, random),
}));
for (const [name, count] of [['f1', 5], ['f2', 4], ['g', 1000]] as const) {
  const levels = Array.from({ length: count }, (_, k) => `${name}_${k + 1}`);
  columns.push({ name, kind: 'factor', codes: Int32Array.from({ length: ROWS }, () => Math.floor(random() * count)), levels });
}
const frame = { rows: ROWS, columns };
const formula = parseFormula('y ~ x1 + x2 + f1 * f2 + x3');
const mixed = parseFormula('y ~ x1 + f1 * f2 + (x1 | g) + (1 | f1:g)');
const mf = buildModelFrame(formula, frame);

describe(`model design: ${ROWS.toLocaleString('en')} rows × 10 columns`, () => {
  const once = { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 };
  bench('buildModelFrame (y ~ x1 + x2 + f1 * f2 + x3)', () => void buildModelFrame(formula, frame), once);
  bench('buildFixedDesign (23 columns, aliasing check by the row-reduced QR)', () => {
    const d = buildFixedDesign(mf);
    if (d.p !== 23 || d.aliased.length !== 0) throw new Error('unexpected design');
  }, once);
  bench('buildModelFrame with grouping factors g and f1:g', () => void buildModelFrame(mixed, frame), once);
});
