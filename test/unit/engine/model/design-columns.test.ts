import { beforeAll, describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { buildDesign } from '../../../../src-main/engine/model/design-columns';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { loadExam } from './data';

let exam: DataFrame;
beforeAll(async () => {
  exam = await loadExam();
});

/** The columns of each random term's left-hand side, as lme4's mkBlist builds them (model.matrix(~ lhs, frame)). */
function randomColumns(formula: string): string[][] {
  const mf = buildModelFrame(parseFormula(formula), exam);
  return mf.formula.random.map((r) => buildDesign(r.terms, r.intercept, mf.variables, mf.n, 'test').names);
}

describe('random-effects columns use the same model.matrix rules', () => {
  it('names them as lme4 does', () => {
    // lme4 1.1-31 (fixture exam_m4_singular): VarCorr names (Intercept), standLRT, sexM.
    expect(randomColumns('normexam ~ standLRT + sex + (standLRT + sex | school)')).toEqual([['(Intercept)', 'standLRT', 'sexM']]);
    // Without an intercept the first factor gets a column per level: lme4 shows sexF and sexM.
    expect(randomColumns('normexam ~ 1 + (0 + sex | school)')).toEqual([['sexF', 'sexM']]);
    expect(randomColumns('normexam ~ 1 + (standLRT || school)')).toEqual([['(Intercept)'], ['standLRT']]);
  });

  it('fills the intercept, numbers and indicators', () => {
    const mf = buildModelFrame(parseFormula('normexam ~ 1 + (standLRT + sex | school)'), exam);
    const r = mf.formula.random[0];
    const d = buildDesign(r.terms, r.intercept, mf.variables, mf.n, 'test');
    const sex = mf.variables.get('sex')!;
    if (sex.kind !== 'factor') throw new Error('sex should be a factor');
    expect(d.X[0]).toBe(1);
    expect(d.X[d.n + 0]).toBeCloseTo(0.6190592, 7);
    for (const i of [0, 1, 500, 4058]) expect(d.X[2 * d.n + i]).toBe(sex.codes[i] === 1 ? 1 : 0);
    expect(Array.from(d.assign)).toEqual([0, 1, 2]);
  });
});
