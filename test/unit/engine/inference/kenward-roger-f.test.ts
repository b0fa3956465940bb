import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import { kenwardRoger } from '../../../../src-main/engine/inference/kenward-roger';
import { asArray, caseModel, relError, type LmerCase } from '../lmm/helpers';

/** test/fixtures/inference/kr/<id>.json, written by test/fixtures/tools/make-kr-fixtures.R. */
interface KrCase extends LmerCase {
  theta: number[] | number;
  coef?: { names: string[]; estimate: number[]; se: number[]; df: number[]; t: number[]; p: number[] };
  anova?: {
    term: string;
    L: number[][];
    sumSq: number;
    meanSq: number;
    numDf: number;
    denDf: number;
    F: number;
    p: number;
    krmodcomp: { F: number; F_unscaled: number; F_scaling: number; ndf: number; ddf: number; p: number };
  }[];
}

const krCase = (id: string): KrCase => JSON.parse(readFileSync(new URL(`../../../fixtures/inference/kr/${id}.json`, import.meta.url), 'utf8'));

const close = (label: string, actual: number, expected: number, tol = 1e-3) =>
  expect(relError(actual, expected), `${label}: ${actual} vs ${expected}`).toBeLessThan(tol);

// Models with several random-effects terms and several variance parameters per term, and
// multi-df terms whose F statistic pbkrtest scales (F.scaling ≠ 1).
const ids = ['jsp_ri_social', 'jsp_interaction', 'exam_rs_sex_intake', 'exam_nested', 'exam_vector_later', 'jsp_crossed'];

describe('Kenward-Roger F tests and t tests against lmerTest anova(type = 3) / summary and pbkrtest KRmodcomp', () => {
  for (const id of ids) {
    it(id, async () => {
      const c = krCase(id);
      const kr = kenwardRoger(await caseModel(c), Float64Array.from(asArray(c.theta)), c.REML);
      const coef = c.coef!;
      expect(kr.names).toEqual(coef.names);
      kr.estimate.forEach((v, j) => close(`estimate[${j}]`, v, coef.estimate[j], 1e-4));
      kr.se.forEach((v, j) => close(`se[${j}]`, v, coef.se[j]));
      kr.df.forEach((v, j) => close(`df[${j}]`, v, coef.df[j]));
      kr.t.forEach((v, j) => close(`t[${j}]`, v, coef.t[j]));
      kr.p.forEach((v, j) => expect(Math.abs(v - coef.p[j]), `p[${j}]`).toBeLessThan(1e-3));
      for (const row of c.anova!) {
        const f = kr.fTest(row.L);
        close(`${row.term} F`, f.F, row.F);
        close(`${row.term} DenDF`, f.denDf, row.denDf);
        expect(f.numDf).toBe(row.numDf);
        expect(Math.abs(f.p - row.p), `${row.term} p`).toBeLessThan(1e-3);
        close(`${row.term} p (relative)`, f.p, row.p, 1e-2);
        close(`${row.term} Mean Sq`, f.meanSq, row.meanSq);
        close(`${row.term} Sum Sq`, f.sumSq, row.sumSq);
        close(`${row.term} F.scaling`, f.scaling, row.krmodcomp.F_scaling);
        close(`${row.term} FtestU`, f.unscaledF, row.krmodcomp.F_unscaled);
      }
    });
  }

  it('jsp_ri_social: the social term (3 df) is scaled by pbkrtest, so F differs from the unscaled Wald F', async () => {
    const c = krCase('jsp_ri_social');
    const social = c.anova!.find((r) => r.term === 'social')!;
    expect(social.numDf).toBe(3);
    expect(social.krmodcomp.F_scaling).not.toBe(1);
    const kr = kenwardRoger(await caseModel(c), Float64Array.from(asArray(c.theta)), true);
    const f = kr.fTest(social.L);
    close('F', f.F, social.krmodcomp.F);
    close('ddf', f.denDf, social.krmodcomp.ddf);
    close('p', f.p, social.krmodcomp.p, 1e-2);
  });

  it('an ML fit is refitted by REML first, as pbkrtest vcovAdj/KRmodcomp do (lmerTest refuses ML fits)', async () => {
    const c = JSON.parse(readFileSync(new URL('../../../fixtures/inference/kr/exam_m3_rs_ml.json', import.meta.url), 'utf8')) as KrCase & {
      refit_reml: { names: string[]; estimate: number[]; theta: number[]; se: number[]; tests: { F: number; ddf: number; p: number }[] };
    };
    expect(c.REML).toBe(false);
    const kr = kenwardRoger(await caseModel(c), Float64Array.from(asArray(c.theta)), false);
    const ref = c.refit_reml;
    expect(kr.refitREML).toBe(true);
    kr.theta.forEach((v, j) => close(`REML θ[${j}]`, v, ref.theta[j], 1e-3));
    kr.estimate.forEach((v, j) => close(`estimate[${j}]`, v, ref.estimate[j], 1e-4));
    kr.se.forEach((v, j) => close(`se[${j}]`, v, ref.se[j]));
    ref.tests.forEach((test, j) => {
      close(`df[${j}]`, kr.df[j], test.ddf);
      const row = kr.names.map((_, k) => (k === j ? 1 : 0));
      const f = kr.fTest([row]);
      close(`F[${j}]`, f.F, test.F);
      close(`ddf[${j}]`, f.denDf, test.ddf);
      expect(Math.abs(f.p - test.p)).toBeLessThan(1e-3);
    });
  });

  it('refuses a model with more random effects than the dense method handles, suggesting Satterthwaite', async () => {
    const c = JSON.parse(readFileSync(new URL('../../../fixtures/lmm/insteval_crossed.json', import.meta.url), 'utf8')) as KrCase;
    const model = await caseModel(c);
    let error: unknown = null;
    try {
      kenwardRoger(model, Float64Array.from(model.layout.start), true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unsupported');
    expect((error as AppError).message).toMatch(/Kenward-Roger needs dense matrix work in the number of random effects.*4114.*Satterthwaite/s);
  }, 60_000);

  it('checks the contrast matrix', async () => {
    const c = krCase('jsp_ri_social');
    const kr = kenwardRoger(await caseModel(c), Float64Array.from(asArray(c.theta)), true);
    expect(() => kr.fTest([[0, 1]])).toThrow(/row 1 of L has 2 entries for 5 fixed effects/);
    expect(() => kr.fTest([])).toThrow(/no rows/);
    expect(() => kr.fTest([[0, 1, 0, 0, 0], [0, 2, 0, 0, 0]])).toThrow(/not linearly independent/);
  });
});
