import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { Column } from '../../../../src-main/engine/data/column';
import { aliasedColumns, blockGram, screenFullRank } from '../../../../src-main/engine/model/aliasing';
import { buildDesign } from '../../../../src-main/engine/model/design-columns';
import { buildFixedDesign } from '../../../../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { pivotedQr } from '../../../../src-main/engine/model/pivoted-qr';
import { loadExam } from './data';

/** A reproducible frame: numbers x1..x3, factors f1 (5 levels), f2 (4 levels), y. */
function synthetic(n: number) {
  let seed = 7;
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const columns: Column[] = ['y', 'x1', 'x2', 'x3'].map((name) => ({ name, kind: 'numeric', values: Float64Array.from({ length: n }, uniform) }));
  for (const [name, L] of [['f1', 5], ['f2', 4]] as const) {
    columns.push({ name, kind: 'factor', codes: Int32Array.from({ length: n }, () => Math.floor(uniform() * L)), levels: Array.from({ length: L }, (_, k) => `l${k}`) });
  }
  return { rows: n, columns };
}

function design(formula: string, n: number) {
  const parsed = parseFormula(formula);
  const mf = buildModelFrame(parsed, synthetic(n));
  return buildDesign(parsed.terms, parsed.intercept, mf.variables, n, 'test');
}

describe("X'X from the term structure", () => {
  it('equals the dense cross-product', () => {
    const d = design('y ~ x1 + f1 * f2 + x2:f2 + x3', 3000);
    const G = blockGram(d.X, d.n, d.p, d.assign);
    for (const [a, b] of [[0, 0], [1, 2], [2, 7], [5, 9], [d.p - 1, d.p - 1], [3, d.p - 2]]) {
      let s = 0;
      for (let i = 0; i < d.n; i++) s += d.X[a * d.n + i] * d.X[b * d.n + i];
      expect(G[a * d.p + b]).toBeCloseTo(s, 9);
      expect(G[b * d.p + a]).toBeCloseTo(s, 9);
    }
  });
});

describe('the full-rank screen', () => {
  it('certifies a well-conditioned design', () => {
    const d = design('y ~ x1 + f1 * f2 + x2', 5000);
    expect(screenFullRank(d.X, d.n, d.p, d.assign, 1e-7)).toBe(true);
    expect(pivotedQr(d.X, d.n, d.p).rank).toBe(d.p);
  });

  it('declines designs with a dependent column, leaving them to the QR', () => {
    const d = design('y ~ x1 + f1:f2', 5000); // no margins: f1:f2 has indicators for all 20 cells, one too many beside the intercept
    expect(screenFullRank(d.X, d.n, d.p, d.assign, 1e-7)).toBe(false);
    expect(aliasedColumns(d.X, d.n, d.p, d.assign, 1e-7).map((j) => d.names[j])).toEqual(['f1l4:f2l3']);
  });

  it('declines a nearly dependent column close to the tolerance', () => {
    const frame = synthetic(4000);
    const x1 = (frame.columns[1] as { values: Float64Array }).values;
    frame.columns.push({ name: 'near', kind: 'numeric', values: x1.map((v, i) => v + 1e-6 * Math.sin(i)) });
    const parsed = parseFormula('y ~ x1 + near');
    const d = buildDesign(parsed.terms, true, buildModelFrame(parsed, frame).variables, 4000, 'test');
    expect(screenFullRank(d.X, d.n, d.p, d.assign, 1e-7)).toBe(false);
  });
});

describe('the screen agrees with R on the Exam designs', () => {
  // R 4.2.2: the first five have no NA coefficients in lm(f, Exam); the others have 1 to 5.
  it.each([
    ['normexam ~ standLRT * sex', true],
    ['normexam ~ (standLRT + sex + intake)^2', true],
    ['normexam ~ 0 + standLRT + sex:intake', true],
    ['normexam ~ I(standLRT > 0) * sex', true],
    ['normexam ~ standLRT + I(standLRT^2) + log(schavg + 2)', true],
    ['normexam ~ schgend + type', false],
    ['normexam ~ sex:intake', false],
    ['normexam ~ standLRT + schavg + I(standLRT + schavg)', false],
    ['normexam ~ intake + vr + intake:vr:sex', false],
    ['normexam ~ standLRT:intake + sex:vr', false],
  ])('%s: %s', async (formula, fullRank) => {
    const parsed = parseFormula(formula);
    const mf = buildModelFrame(parsed, await loadExam());
    const d = buildDesign(parsed.terms, parsed.intercept, mf.variables, mf.n, 'test');
    expect(screenFullRank(d.X, d.n, d.p, d.assign, 1e-7)).toBe(fullRank);
  });
});

describe('large designs', () => {
  it('find the same aliased columns through the screen path as the QR', () => {
    // 200,000 rows × 21 columns is past the direct-QR size, so buildFixedDesign screens first.
    const n = 200_000;
    const mf = buildModelFrame(parseFormula('y ~ x1 + f1 * f2 + x2'), synthetic(n));
    const d = buildFixedDesign(mf);
    expect(d.aliased).toEqual([]);
    expect(d.p).toBe(22);
    const aliased = buildFixedDesign(buildModelFrame(parseFormula('y ~ x1 + f1:f2'), synthetic(n)));
    expect(aliased.aliased).toEqual(['f1l4:f2l3']);
  });
});
