import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../../src-shared/formula/parse-formula';
import { parseRecipeText } from '../../../../src-shared/expr/validate';
import { applyRecipes } from '../../../../src-main/engine/recipes/apply-recipes';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { choleskyLower } from '../../../../src-main/engine/lmm/dense';
import { buildGlmmModel, rowsOfU, type GlmmModel } from '../../../../src-main/engine/glmm/model';
import type { FamilyName, LinkName } from '../../../../src-main/engine/glmm/families';
import { PenalizedFactor } from '../../../../src-main/engine/glmm/penalized-factor';
import { linearPredictor, pirls } from '../../../../src-main/engine/glmm/pirls';
import { densePirls } from './dense-pirls';
import { glmerCase } from './helpers';
import { sampleFrame } from '../lmm/helpers';

/**
 * The blocked factor (first term block diagonal, later terms and β dense) and the
 * per-family row kernels give the dense PIRLS's numbers bit for bit: same iterations,
 * modes, μ, deviance, log|L|² and factor, for scalar, vector-valued and crossed terms,
 * each link, with β estimated (stage 1) and given (stage 2). lme4's fixtures only have
 * single scalar terms; this holds the other shapes to the dense system's arithmetic.
 */
const mismatches = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return Infinity;
  let k = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) k++;
  return k;
};

let examFrame: DataFrame | undefined;
async function exam(): Promise<DataFrame> {
  if (!examFrame) {
    const frame = await sampleFrame('exam', glmerCase('exam_glmer_fail').levels);
    examFrame = applyRecipes(frame, [parseRecipeText('fail = ifelse(normexam < -1, 1, 0)')]).frame;
  }
  return examFrame;
}

const cases: { formula: string; family: FamilyName; link?: LinkName; thetas: number[][]; data: 'exam' | 'cbpp' }[] = [
  { formula: 'fail ~ standLRT + (1 | school)', family: 'binomial', thetas: [[1], [0.4]], data: 'exam' },
  { formula: 'fail ~ standLRT + sex + (standLRT | school)', family: 'binomial', thetas: [[1, 0, 1], [0.6, 0.2, 0.3]], data: 'exam' },
  { formula: 'fail ~ standLRT + (1 | school) + (1 | intake)', family: 'binomial', thetas: [[1, 1], [0.5, 0.3]], data: 'exam' },
  { formula: 'fail ~ standLRT + (standLRT | school) + (1 | vr) + (1 | intake)', family: 'binomial', link: 'probit', thetas: [[0.7, 0.1, 0.2, 0.4, 0.3]], data: 'exam' },
  { formula: 'fail ~ standLRT + (1 | school) + (1 | sex)', family: 'binomial', link: 'cloglog', thetas: [[0.8, 0.5]], data: 'exam' },
  { formula: 'incidence ~ period + (1 | herd)', family: 'poisson', thetas: [[1], [0.6]], data: 'cbpp' },
  { formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)', family: 'binomial', thetas: [[1], [0.64]], data: 'cbpp' },
];

async function model(c: (typeof cases)[number]): Promise<GlmmModel> {
  const data = c.data === 'exam' ? await exam() : await sampleFrame('cbpp', glmerCase('cbpp_laplace').levels);
  return buildGlmmModel(parseFormula(c.formula), data, { family: c.family, link: c.link });
}

describe('PIRLS on the blocked factor', () => {
  for (const c of cases) {
    it(`${c.formula} (${c.family}${c.link ? ', ' + c.link : ''}) equals the dense PIRLS bit for bit`, async () => {
      const m = await model(c);
      for (const t of c.thetas) {
        const U = rowsOfU(m, Float64Array.from(t));
        const joint = pirls({ model: m, U, beta: null, lp0: null });
        const ref = densePirls({ model: m, U, beta: null, lp0: null });
        const lp0 = linearPredictor(m, joint);
        const given = pirls({ model: m, U, beta: joint.beta, lp0 });
        const refGiven = densePirls({ model: m, U, beta: ref.beta, lp0 });
        // Again from the same start (η, μ at lp0 then come from the cache).
        const again = pirls({ model: m, U, beta: joint.beta, lp0: lp0.slice() });
        for (const [ours, theirs] of [
          [joint, ref],
          [given, refGiven],
          [again, refGiven],
        ] as const) {
          expect(ours.iterations).toBe(theirs.iterations);
          expect([ours.devSum, ours.sqrL, ours.ldL2]).toEqual([theirs.devSum, theirs.sqrL, theirs.ldL2]);
          expect(mismatches(ours.u, theirs.u)).toBe(0);
          expect(mismatches(ours.beta, theirs.beta)).toBe(0);
          expect(mismatches(ours.eta, theirs.eta)).toBe(0);
          expect(mismatches(ours.mu, theirs.mu)).toBe(0);
          expect(mismatches(ours.factor, theirs.factor)).toBe(0);
          const full = m.q + m.p;
          expect(mismatches(ours.uDiagonal, Array.from({ length: m.q }, (_, j) => theirs.factor[j * full + j]))).toBe(0);
        }
      }
    });
  }
});

describe('PenalizedFactor', () => {
  it('gives choleskyLower’s factor of the assembled dense system, and refuses one that is not positive definite', async () => {
    const m = await model(cases[3]);
    const U = rowsOfU(m, Float64Array.from([0.7, 0.1, 0.2, 0.4, 0.3]));
    const w = Float64Array.from({ length: m.n }, (_, i) => 0.05 + ((i * 7919) % 101) / 404);
    const f = new PenalizedFactor(m);
    f.assemble(U, w, null, true);
    // The assembled blocks, laid out densely, then factored whole.
    const full = m.q + m.p;
    const A = new Float64Array(full * full);
    for (let l = 0; l < f.q1; l += f.k) for (let a = 0; a < f.k; a++) for (let b = 0; b <= a; b++) A[(l + a) * full + l + b] = f.a11[l * f.k + a * f.k + b];
    for (let i = 0; i < f.r; i++) {
      for (let j = 0; j < f.q1; j++) A[(f.q1 + i) * full + j] = f.a21[i * f.q1 + j];
      for (let j = 0; j <= i; j++) A[(f.q1 + i) * full + f.q1 + j] = f.a22[i * f.r + j];
    }
    expect(choleskyLower(A, full)).toBe(true);
    expect(f.factor()).toBe(true);
    expect(mismatches(f.dense(), A)).toBe(0);

    f.assemble(U, w, null, true);
    f.a22[f.r * f.r - 1] = -1;
    expect(f.factor()).toBe(false);
  });
});
