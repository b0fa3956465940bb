import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { parseFormula } from '@shared/formula/parse-formula';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { buildModelFrame } from '../../../../src-main/engine/model/model-frame';
import { buildRandomDesign, lme4Order } from '../../../../src-main/engine/lmm/random-design';
import { thetaLayout } from '../../../../src-main/engine/lmm/theta';
import { lmerCase, sampleFrame } from './helpers';

let exam: DataFrame;
let sleep: DataFrame;

beforeAll(async () => {
  exam = await sampleFrame('exam', lmerCase('lme4/exam_m3_rs.json').levels);
  sleep = await sampleFrame('sleepstudy', lmerCase('lme4/sleep_rs.json').levels);
});

const design = (formula: string, data: DataFrame) => buildRandomDesign(buildModelFrame(parseFormula(formula), data));

describe('lme4’s order of random-effects terms (mkReTrms)', () => {
  it('keeps the written order when the numbers of levels never increase', () => {
    expect(lme4Order([{ nl: 5 }, { nl: 5 }, { nl: 3 }]).map((t) => t.nl)).toEqual([5, 5, 3]);
    const a = { nl: 4, id: 'a' };
    const b = { nl: 4, id: 'b' };
    expect(lme4Order([a, b]).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('otherwise sorts decreasing with ties reversed, as rev(order(nl)) does', () => {
    const terms = [
      { nl: 3, id: 'vr' },
      { nl: 65, id: 'school' },
      { nl: 3, id: 'intake' },
    ];
    expect(lme4Order(terms).map((t) => t.id)).toEqual(['school', 'intake', 'vr']);
  });

  it('orders real terms as lme4 does: names(getME(m, "cnms")) is school, intake, vr', () => {
    const d = design('normexam ~ standLRT + (1 | vr) + (1 | school) + (1 | intake)', exam);
    expect(d.terms.map((t) => t.group)).toEqual(['school', 'intake', 'vr']);
    expect(d.terms.map((t) => t.nl)).toEqual([65, 3, 3]);
    expect(d.flist.map((f) => f.group)).toEqual(['school', 'intake', 'vr']);
  });

  it('puts the nested term first for (1 | school/sex): sex:school (100 levels), then school', () => {
    const d = design('normexam ~ standLRT + (1 | school/sex)', exam);
    expect(d.terms.map((t) => [t.group, t.nl])).toEqual([
      ['sex:school', 100],
      ['school', 65],
    ]);
  });
});

describe('the columns of each term (cnms) and its model rows', () => {
  it('(0 + sex | school) has sexF and sexM, one indicator per level', () => {
    const d = design('normexam ~ standLRT + (0 + sex | school)', exam);
    const t = d.terms[0];
    expect(t.cnms).toEqual(['sexF', 'sexM']);
    expect(t.q).toBe(2);
    const n = d.n;
    for (let i = 0; i < 50; i++) expect(t.Z[i] + t.Z[n + i]).toBe(1);
  });

  it('(Days || Subject) gives two scalar terms on one grouping factor, and θ in lme4’s layout', () => {
    const d = design('Reaction ~ Days + (Days || Subject)', sleep);
    expect(d.terms.map((t) => [t.group, t.cnms])).toEqual([
      ['Subject', ['(Intercept)']],
      ['Subject', ['Days']],
    ]);
    expect(d.flist).toEqual([{ group: 'Subject', levels: d.terms[0].levels, terms: [0, 1] }]);
    const layout = thetaLayout(d.terms);
    expect(Array.from(layout.lower)).toEqual([0, 0]);
    expect(layout.names).toEqual(['Subject.(Intercept)', 'Subject.Days']);
  });

  it('a correlated vector term has the lower triangle column by column: lower 0, -Inf, 0; start 1, 0, 1', () => {
    const layout = thetaLayout(design('Reaction ~ Days + (Days | Subject)', sleep).terms);
    expect(Array.from(layout.lower)).toEqual([0, -Infinity, 0]);
    expect(Array.from(layout.start)).toEqual([1, 0, 1]);
    expect(layout.names).toEqual(['Subject.(Intercept)', 'Subject.Days.(Intercept)', 'Subject.Days']);
  });
});

describe('lme4’s identifiability checks stop the fit with a clear message', () => {
  it('a grouping factor with as many levels as observations', () => {
    expect(() => design('Reaction ~ Days + (1 | obs)', { rows: sleep.rows, columns: [...sleep.columns, { name: 'obs', kind: 'numeric', values: Float64Array.from({ length: sleep.rows }, (_, i) => i) }] })).toThrow(
      /number of levels of each grouping factor must be less than the number of observations/,
    );
  });

  it('a grouping factor with one level', () => {
    const one = { name: 'g', kind: 'factor' as const, codes: new Int32Array(sleep.rows), levels: ['only'] };
    const run = () => design('Reaction ~ Days + (1 | g)', { rows: sleep.rows, columns: [...sleep.columns, one] });
    expect(run).toThrow(AppError);
    expect(run).toThrow(/more than one sampled level/);
  });

  it('as many random effects as observations', () => {
    const g = { name: 'g', kind: 'factor' as const, codes: Int32Array.from({ length: sleep.rows }, (_, i) => i % 90), levels: Array.from({ length: 90 }, (_, k) => `g${k}`) };
    expect(() => design('Reaction ~ Days + (Days | g)', { rows: sleep.rows, columns: [...sleep.columns, g] })).toThrow(/180 random effects for 180 observations/);
  });
});
