import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { buildLmmModel, lmmModelWithResponse, type LmmModel } from '../../../../src-main/engine/lmm/model';
import { lmmObjective } from '../../../../src-main/engine/lmm/objective';
import { solveLmm } from '../../../../src-main/engine/lmm/solution';
import { termFactor } from '../../../../src-main/engine/lmm/theta';
import { lmerCase, sampleFrame } from './helpers';

/**
 * The blocked factor against the plain dense computation of Bates et al. (2015): with
 * M = [ZΛ X], the Cholesky factor of MᵀM + diag(I_q, 0) holds L_θ (first q rows) and R_Xᵀ,
 * and r² = yᵀy − ‖L⁻¹Mᵀy‖². Crossed, nested and vector-valued terms, at θ with negative
 * off-diagonals, on a subset small enough for dense matrices.
 */
function denseCriterion(model: LmmModel, theta: Float64Array, reml: boolean): { value: number; beta: number[] } {
  const { n, p } = model;
  const terms = model.random.terms;
  const q = terms.reduce((s, t) => s + t.nl * t.q, 0);
  const M = new Matrix(n, q + p);
  let col = 0;
  terms.forEach((t, k) => {
    const lam = termFactor(theta, model.layout, k, new Float64Array(t.q * t.q));
    for (let i = 0; i < n; i++) {
      const base = col + t.codes[i] * t.q;
      // Row i of Z_k Λ_k: z_iᵀ Λ_k in the level's columns.
      for (let c = 0; c < t.q; c++) {
        let v = 0;
        for (let r = c; r < t.q; r++) v += t.Z[r * n + i] * lam[c * t.q + r];
        M.set(i, base + c, v);
      }
    }
    col += t.nl * t.q;
  });
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) M.set(i, q + j, model.fixed.X[j * n + i]);
  const S = M.transpose().mmul(M);
  for (let j = 0; j < q; j++) S.set(j, j, S.get(j, j) + 1);
  const L = new CholeskyDecomposition(S).lowerTriangularMatrix;
  const y = Matrix.columnVector(Array.from(model.y));
  const c = M.transpose().mmul(y).to1DArray();
  for (let i = 0; i < q + p; i++) {
    let s = c[i];
    for (let k = 0; k < i; k++) s -= L.get(i, k) * c[k];
    c[i] = s / L.get(i, i);
  }
  const yy = model.y.reduce((s, v) => s + v * v, 0);
  const r2 = yy - c.reduce((s, v) => s + v * v, 0);
  let logdetL = 0;
  let logdetRX = 0;
  for (let i = 0; i < q; i++) logdetL += 2 * Math.log(L.get(i, i));
  for (let i = q; i < q + p; i++) logdetRX += 2 * Math.log(L.get(i, i));
  const dof = reml ? n - p : n;
  const value = logdetL + (reml ? logdetRX : 0) + dof * (1 + Math.log((2 * Math.PI * r2) / dof));
  const beta = new Array<number>(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    let s = c[q + j];
    for (let k = j + 1; k < p; k++) s -= L.get(q + k, q + j) * beta[k];
    beta[j] = s / L.get(q + j, q + j);
  }
  return { value, beta };
}

let exam: DataFrame;
let subset: Uint8Array;

beforeAll(async () => {
  exam = await sampleFrame('exam', lmerCase('lme4/exam_m3_rs.json').levels);
  const school = exam.columns.find((c) => c.name === 'school');
  if (!school || school.kind !== 'factor') throw new Error('school should be a factor');
  subset = Uint8Array.from(school.codes, (code) => (code < 20 ? 1 : 0));
});

const designs: { formula: string; theta: number[]; groups: string[] }[] = [
  // nl = (20, 3, 20) → vr:school first, then school (q = 2, in the dense block), then intake.
  { formula: 'normexam ~ standLRT + sex + (standLRT | school) + (0 + sex | intake) + (1 | vr:school)', theta: [0.7, 0.4, -0.3, 0.2, 0.9, 0.5, -0.6, 0.3], groups: ['vr:school', 'school', 'intake'] },
  // A vector-valued first term crossed with a vector-valued second one.
  { formula: 'normexam ~ standLRT + (standLRT | school) + (0 + sex | vr)', theta: [0.4, -0.2, 0.3, 1.1, 0.6, 0.8], groups: ['school', 'vr'] },
  // Nested, with a slope in the outer term.
  { formula: 'normexam ~ standLRT + (1 | school/sex) + (0 + standLRT | school)', theta: [0.3, 0.5, 0.25], groups: ['sex:school', 'school', 'school'] },
];

describe('the blocked objective equals the dense computation', () => {
  for (const d of designs) {
    for (const reml of [true, false]) {
      it(`${d.formula} (${reml ? 'REML' : 'ML'}): criterion to 1e-11 relative, β to 1e-9`, () => {
        const model = buildLmmModel(parseFormula(d.formula), exam, { subset });
        expect(model.random.terms.map((t) => t.group)).toEqual(d.groups);
        const theta = Float64Array.from(d.theta);
        const f = lmmObjective(model, reml);
        const value = f(theta);
        const dense = denseCriterion(model, theta, reml);
        expect(Math.abs(value - dense.value) / Math.abs(dense.value)).toBeLessThan(1e-11);
        const beta = Array.from(solveLmm(model, f.factor, reml).beta);
        beta.forEach((b, j) => expect(Math.abs(b - dense.beta[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(b))));
      });
    }
  }

  it('θ = 0 (no random effects) gives the ordinary least-squares deviance', () => {
    const model = buildLmmModel(parseFormula('normexam ~ standLRT + (standLRT | school)'), exam, { subset });
    const theta = new Float64Array(3);
    expect(lmmObjective(model, false)(theta)).toBeCloseTo(denseCriterion(model, theta, false).value, 9);
  });
});

describe('a new response on the same design (parametric bootstrap)', () => {
  it('gives the blocks, and so the objective, that forming them from scratch gives', () => {
    const formula = parseFormula('normexam ~ standLRT + (standLRT | school) + (1 | intake)');
    const model = buildLmmModel(formula, exam, { subset });
    const y = Float64Array.from(model.y, (v, i) => 0.5 * v + Math.sin(i));
    const swapped = lmmModelWithResponse(model, y);
    const rebuilt = buildLmmModel(formula, { rows: exam.rows, columns: exam.columns.map((c) => (c.name === 'normexam' ? { ...c, values: scatter(y) } : c)) }, { subset });
    for (const key of ['aw1', 'aw2', 'aww'] as const) {
      swapped.blocks[key].forEach((v, i) => expect(Math.abs(v - rebuilt.blocks[key][i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(v))));
    }
    const theta = Float64Array.from([0.6, 0.1, 0.3, 0.2]);
    expect(lmmObjective(swapped, true)(theta)).toBeCloseTo(lmmObjective(rebuilt, true)(theta), 8);
    expect(Array.from(model.y.subarray(0, 3))).not.toEqual(Array.from(y.subarray(0, 3)));
  });
});

/** A response over the model's rows put back at those rows of the full data (NaN elsewhere). */
function scatter(y: Float64Array): Float64Array {
  const out = new Float64Array(exam.rows).fill(NaN);
  let k = 0;
  for (let i = 0; i < exam.rows; i++) if (subset[i]) out[i] = y[k++];
  return out;
}
