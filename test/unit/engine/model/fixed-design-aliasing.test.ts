import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { Column } from '../../../../src-main/engine/data/column';
import { qrDecompose } from '../../../../src-main/engine/linalg/qr';
import { tallQr } from '../../../../src-main/engine/linalg/tall-qr';
import { buildDesign } from '../../../../src-main/engine/model/design-columns';
import { buildFixedDesign } from '../../../../src-main/engine/model/fixed-design';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
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

/** The aliased columns' names, by dqrdc2 on the rows and through the row reduction, which must agree. */
function aliasedBothWays(d: { X: Float64Array; n: number; p: number; names: string[] }): string[] {
  const direct = qrDecompose(d.X, d.n, d.p);
  const { qr } = tallQr(d.X, d.n, d.p, [], { directRows: 0 });
  expect(Array.from(qr.pivot)).toEqual(Array.from(direct.pivot));
  expect(qr.rank).toBe(direct.rank);
  return Array.from(qr.pivot.subarray(qr.rank), (j) => d.names[j]);
}

describe('aliased columns, directly and through the row reduction', () => {
  it('none in a well-conditioned design', () => {
    const d = design('y ~ x1 + f1 * f2 + x2', 5000);
    expect(aliasedBothWays(d)).toEqual([]);
    expect(qrDecompose(d.X, d.n, d.p).rank).toBe(d.p);
  });

  it('a dependent column is found', () => {
    const d = design('y ~ x1 + f1:f2', 5000); // no margins: f1:f2 has indicators for all 20 cells, one too many beside the intercept
    expect(aliasedBothWays(d)).toEqual(['f1l4:f2l3']);
  });

  it('a nearly dependent column above the tolerance is kept (relative residual about 1e-6 > 1e-7)', () => {
    const frame = synthetic(4000);
    const x1 = (frame.columns[1] as { values: Float64Array }).values;
    frame.columns.push({ name: 'near', kind: 'numeric', values: x1.map((v, i) => v + 1e-6 * Math.sin(i)) });
    const parsed = parseFormula('y ~ x1 + near');
    const d = buildDesign(parsed.terms, true, buildModelFrame(parsed, frame).variables, 4000, 'test');
    expect(aliasedBothWays(d)).toEqual([]);
  });
});

describe('full rank or not as R says on the Exam designs', () => {
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
    expect(aliasedBothWays(d).length === 0).toBe(fullRank);
  });
});

describe('large designs', () => {
  it('find the aliased columns through the row reduction, and keep it for the fit', () => {
    // 200,000 rows is past the direct-QR size, so buildFixedDesign reduces the rows first.
    const n = 200_000;
    const mf = buildModelFrame(parseFormula('y ~ x1 + f1 * f2 + x2'), synthetic(n));
    const d = buildFixedDesign(mf);
    expect(d.aliased).toEqual([]);
    expect(d.p).toBe(22);
    expect(d.reduction?.X).toBe(d.X);
    expect(d.reduction?.rhs[0]).toBe(mf.response?.kind === 'vector' ? mf.response.y : null);
    const aliased = buildFixedDesign(buildModelFrame(parseFormula('y ~ x1 + f1:f2'), synthetic(n)));
    expect(aliased.aliased).toEqual(['f1l4:f2l3']);
    // The fit gets the kept columns, a copy: the reduction names that copy and which of its columns they were.
    expect(aliased.reduction?.X).toBe(aliased.X);
    expect(Array.from(aliased.reduction?.columns ?? [])).toEqual(Array.from(aliased.full.kept));
  });

  it('leave short designs to dqrdc2 on the rows, with nothing to reuse', async () => {
    const mf = buildModelFrame(parseFormula('normexam ~ standLRT'), await loadExam());
    expect(buildFixedDesign(mf).reduction).toBeNull();
  });
});
