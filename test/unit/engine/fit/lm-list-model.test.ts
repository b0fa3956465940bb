import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import { fitModel, subsetMask } from '../../../../src-main/engine/fit/fit-model';
import { compareModels } from '../../../../src-main/engine/fit/compare-models';
import { fitLmListModel, lmListFitJson } from '../../../../src-main/engine/fit/lm-list-model';
import { formatLmList } from '../../../../src-main/engine/print/lm-list';
import { loadExam, withColumn } from '../model/data';

/** nlme's numbers for one lmList case (test/fixtures/tools/make-lmlist-fixtures.R). */
interface LmListCase {
  formula: string;
  subset: string | null;
  groups: string[];
  names: string[];
  coef: (number | null)[][];
  se: (number | null)[][];
  lower: (number | null)[][];
  upper: (number | null)[][];
  pooled_sigma: number;
  df_pooled: number;
  nobs: number[];
  nobs_total: number;
  failed: string[];
  print: string;
  head10: string;
}

const reference = (id: string): LmListCase => JSON.parse(readFileSync(new URL(`../../../fixtures/lmlist/${id}.json`, import.meta.url), 'utf8'));

/** Largest relative error over a matrix, with NA (null) required exactly where nlme has it. */
function worst(actual: number[][], expected: (number | null)[][]): number {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  actual.forEach((row, i) =>
    row.forEach((v, j) => {
      const e = expected[i][j];
      if (e === null) expect(v, `row ${i + 1}, column ${j + 1} is NA in nlme`).toBeNaN();
      else max = Math.max(max, Math.abs(v - e) / Math.max(Math.abs(e), 1e-8));
    }),
  );
  return max;
}

async function fitCase(id: string) {
  const ref = reference(id);
  const exam = await loadExam();
  const subset = ref.subset === null ? undefined : subsetMask(ref.subset, exam, []);
  return { ref, model: fitLmListModel(ref.formula, exam, { subset }) };
}

describe('fitLmListModel against nlme::lmList, summary(pool = TRUE) and intervals()', () => {
  it.each(['exam_standLRT_no48', 'exam_standLRT', 'exam_standLRT_sex', 'exam_standLRT_intake'])(
    '%s: groups, coefficients, pooled SEs and 95-percent limits within 1e-9, pooled SD and df, and print(m) as nlme prints it',
    async (id) => {
      const { ref, model } = await fitCase(id);
      const { fit } = model;
      expect(fit.groups).toEqual(ref.groups);
      expect(fit.names).toEqual(ref.names);
      expect(worst(fit.coef, ref.coef)).toBeLessThan(1e-9);
      expect(worst(fit.se, ref.se)).toBeLessThan(1e-9);
      expect(worst(fit.lower, ref.lower)).toBeLessThan(1e-9);
      expect(worst(fit.upper, ref.upper)).toBeLessThan(1e-9);
      expect(Math.abs(fit.pooled_sigma - ref.pooled_sigma) / ref.pooled_sigma).toBeLessThan(1e-12);
      expect(fit.df_pooled).toBe(ref.df_pooled);
      expect(fit.nobs).toEqual(ref.nobs);
      expect(lmListFitJson(model).nobs_total).toBe(ref.nobs_total);
      expect(fit.groups.filter((_, k) => fit.failed[k] !== null)).toEqual(ref.failed);
      expect(formatLmList(fit, model.source, 'Exam')).toBe(ref.print);
    },
  );

  it('the course note: school 48 is left out by the subset and reported as an empty group', async () => {
    const { model } = await fitCase('exam_standLRT_no48');
    expect(model.source).toBe('normexam ~ standLRT | school');
    expect(model.empty).toEqual(['48']);
    expect(model.fit.groups).not.toContain('48');
    expect(model.fit.coef[0][0]).toBeCloseTo(0.383334972, 9);
    expect(model.fit.coef[0][1]).toBeCloseTo(0.7093415, 7);
    const json = lmListFitJson(model);
    expect(json).toMatchObject({ group: 'school', nobs_total: 4057, df_pooled: 3929, empty_groups: ['48'] });
  });

  it('refuses an interaction or a nesting after the bar, as nlme does', async () => {
    const exam = await loadExam();
    expect(() => fitLmListModel('normexam ~ standLRT | school:sex', exam)).toThrow(/write a single variable name after "\|"/);
    expect(() => fitLmListModel('normexam ~ standLRT | school/sex', exam)).toThrow(/one grouping factor/);
    expect(() => fitLmListModel('normexam ~ standLRT', exam)).toThrow(/ends in "\| group"/);
  });
});

describe('the model.fit job of an lmList', () => {
  const input = (exam: Awaited<ReturnType<typeof loadExam>>, formula: string, subset?: string) => ({
    spec: { kind: 'lmList' as const, formula, reml: true, ...(subset ? { subset } : {}) },
    rows: exam.rows,
    columns: exam.columns,
    recipes: [],
    dataName: 'Exam',
  });

  it('returns nlme’s print(m), the numbers of intervals(m) with NA as null, and notes on the groups', async () => {
    const exam = await loadExam();
    const ref = reference('exam_standLRT_no48');
    const value = await fitModel(input(exam, 'normexam ~ standLRT|school', 'school != 48'), silentContext);
    expect(value.kind).toBe('lmList');
    expect(value.formula).toBe('normexam ~ standLRT | school');
    expect(value.text).toBe(ref.print);
    expect(value.messages).toEqual(['school 48 has no rows in the data used, so it has no regression (lmList leaves out empty groups).']);
    const fit = value.fit as { groups: string[]; lower: number[][]; pooled_sigma: number };
    expect(fit.groups).toHaveLength(64);
    expect(fit.lower[0][1]).toBeCloseTo(ref.lower[0][1]!, 12);
    // What is stored is plain JSON: the same after a round trip.
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it('says which groups lm could not fit and where coefficients or intervals are NA', async () => {
    const exam = await loadExam();
    const sex = await fitModel(input(exam, 'normexam ~ standLRT + sex | school'), silentContext);
    expect(sex.messages).toHaveLength(1);
    expect(sex.messages[0]).toMatch(/^lm cannot be fitted in 30 levels of school \(2, 6, 7, 8, 11, 16, 18, 21, 24, 25, 27, 29 and 18 more\): sex has only one level/);
    expect((sex.fit as { coef: (number | null)[][] }).coef[1]).toEqual([null, null, null]);

    const intake = await fitModel(input(exam, 'normexam ~ standLRT + intake | school'), silentContext);
    expect(intake.messages).toEqual([
      "lm cannot be fitted in school 48: intake has only one level there, and lm's contrasts need two or more. As in nlme, their coefficients are NA and they add nothing to the pooled residual SD.",
      'Not estimable from a group\'s own rows, so NA as lmList gives them (too few rows, a predictor that does not vary, or a level the group lacks): school 5 (intaketop 25%), 19 (intaketop 25%), 54 (intaketop 25%).',
    ]);

    const all = await fitModel(input(exam, 'normexam ~ standLRT | school'), silentContext);
    expect(all.messages).toEqual(['No residual degrees of freedom (as many rows as coefficients), so no standard errors or intervals: school 48.']);
  });

  it('groups by a factor or by an id column of whole numbers, as nlme does, but not by a measurement', async () => {
    const exam = await loadExam();
    const school = exam.columns.find((c) => c.name === 'school')!;
    if (school.kind !== 'factor') throw new Error('school should be a factor');
    const numeric = withColumn(exam, { name: 'school', kind: 'numeric', values: Float64Array.from(school.codes, (c) => Number(school.levels[c])) });
    // nlme's lmList(normexam ~ standLRT | school) gives the same coefficients for school numeric or factor.
    const byFactor = await fitModel(input(exam, 'normexam ~ standLRT | school'), silentContext);
    const byId = await fitModel(input(numeric, 'normexam ~ standLRT | school'), silentContext);
    expect(byId.text).toBe(byFactor.text);
    expect(byId.fit).toEqual(byFactor.fit);
    await expect(fitModel(input(exam, 'normexam ~ schavg | standLRT'), silentContext)).rejects.toThrow(
      'The grouping variable standLRT holds numbers that are not whole (ids), so it cannot group: lmList fits one regression per level of a factor. Make one with a recipe such as standLRT_f = factor(standLRT) and group by it.',
    );
  });

  it('is never compared with anova()', async () => {
    const exam = await loadExam();
    await expect(
      compareModels(
        [
          { name: 'm1', formula: 'normexam ~ standLRT | school', reml: false },
          { name: 'm2', formula: 'normexam ~ 1 | school', reml: false },
        ],
        exam,
        { kind: 'lmList', dataName: 'Exam' },
      ),
    ).rejects.toThrow(/not compared with anova\(\)/);
  });
});
