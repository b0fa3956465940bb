import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import { compareModels, runModelsCompare } from '../../../../src-main/engine/fit/compare-models';
import { loadExam } from '../model/data';

const anovaLmText = readFileSync(new URL('../../../fixtures/print/anova_lm_exam.txt', import.meta.url), 'utf8');

describe('compareModels: anova() of lm fits as stats prints it', () => {
  it('prints R’s table of three nested lm fits of Exam and gives the same numbers under the models’ names', async () => {
    const exam = await loadExam();
    const formulas = ['normexam ~ standLRT', 'normexam ~ standLRT + sex', 'normexam ~ standLRT + sex + intake'];
    const comparison = await compareModels(
      formulas.map((formula, k) => ({ name: `m${k + 1}`, formula, reml: false })),
      exam,
      { kind: 'lm', dataName: 'Exam' },
    );
    expect(comparison.value.kind).toBe('anova.lm');
    expect(comparison.value.text).toBe(anovaLmText);
    expect(comparison.value.messages).toEqual([]);
    const { columns, rows } = comparison.value.table;
    expect(columns).toEqual(['Model', 'Res.Df', 'RSS', 'Df', 'Sum of Sq', 'F', 'Pr(>F)']);
    expect(rows.map((r) => r[0])).toEqual(['m1', 'm2', 'm3']);
    expect(rows[0].slice(3)).toEqual([null, null, null, null]);
    expect(rows[1][1]).toBe(4056);
    expect(rows[1][5] as number).toBeCloseTo(46.078, 3);
    expect(rows[2][3]).toBe(2);
    expect(rows[2][5] as number).toBeCloseTo(111.16, 2);
  });

  it('compares two lm fits: the F test of adding sex', async () => {
    const exam = await loadExam();
    const { value } = await compareModels(
      [
        { name: 'small', formula: 'normexam ~ standLRT', reml: false },
        { name: 'big', formula: 'normexam ~ standLRT + sex', reml: false },
      ],
      exam,
      { kind: 'lm', dataName: 'Exam' },
    );
    // With two models the scale is the bigger model's, so F differs from the three-model table's 46.078.
    expect(value.text).toContain('Model 2: normexam ~ standLRT + sex');
    expect(value.table.rows[1][0]).toBe('big');
    expect(value.table.rows[1][4] as number).toBeCloseTo(28.057, 3);
    expect(value.table.rows[1][6] as number).toBeLessThan(1e-10);
  });
});

describe('compareModels: anova() of lmer fits as lme4 prints it', () => {
  it('refits m2 and m3 of Exam by ML, says so, and tests the random slope: Chisq 40.372 on 2 df', async () => {
    const exam = await loadExam();
    const { value } = await compareModels(
      [
        { name: 'm2', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
        { name: 'm3', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true },
      ],
      exam,
      { kind: 'lmer', dataName: 'Exam' },
    );
    expect(value.kind).toBe('anova.lmer');
    expect(value.messages).toEqual(['refitting model(s) with ML (instead of REML)']);
    expect(value.text).toContain('Data: Exam\nModels:\nm2: normexam ~ standLRT + (1 | school)\nm3: normexam ~ standLRT + (standLRT | school)\n');
    expect(value.text).toContain('m3    6 9328.9 9366.7 -4658.4   9316.9 40.372  2  1.711e-09 ***');
    const [first, second] = value.table.rows;
    expect(value.table.columns).toEqual(['Model', 'npar', 'AIC', 'BIC', 'logLik', 'deviance', 'Chisq', 'Df', 'Pr(>Chisq)']);
    expect(first[0]).toBe('m2');
    expect(first.slice(6)).toEqual([null, null, null]);
    expect(second[0]).toBe('m3');
    expect(second[6] as number).toBeCloseTo(40.372, 3);
    expect(second[7]).toBe(2);
    expect(Math.abs((second[8] as number) / 1.711e-9 - 1)).toBeLessThan(1e-3);
  });

  it('says nothing about refitting when the models were specified with ML', async () => {
    const exam = await loadExam();
    const { value } = await compareModels(
      [
        { name: 'a', formula: 'normexam ~ standLRT + (1 | school)', reml: false },
        { name: 'b', formula: 'normexam ~ standLRT + sex + (1 | school)', reml: false },
      ],
      exam,
      { kind: 'lmer', dataName: 'Exam' },
    );
    expect(value.messages).toEqual([]);
    expect(value.table.rows.map((r) => r[0])).toEqual(['a', 'b']);
  });

  it('refuses a model without random effects among mixed models', async () => {
    const exam = await loadExam();
    const run = compareModels(
      [
        { name: 'm1', formula: 'normexam ~ standLRT', reml: true },
        { name: 'm2', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
      ],
      exam,
      { kind: 'lmer', dataName: 'Exam' },
    );
    await expect(run).rejects.toThrow(/m1 \(normexam ~ standLRT\) has no random-effects term/);
  });
});

describe('runModelsCompare: the engine task', () => {
  it('applies the recipes and the shared subset before comparing, and prints the subset as lme4 does', async () => {
    const exam = await loadExam();
    const value = await runModelsCompare(
      {
        kind: 'lmer',
        models: [
          { name: 'm2', formula: 'normexam ~ z + (1 | school)', reml: true },
          { name: 'm3', formula: 'normexam ~ z + (z | school)', reml: true },
        ],
        subset: 'school != 48',
        rows: exam.rows,
        columns: exam.columns,
        recipes: [{ kind: 'compute', name: 'z', expression: 'standLRT / 10' }],
        dataName: 'Exam',
      },
      silentContext,
    );
    expect(value.text).toContain('Data: Exam\nSubset: school != 48\nModels:\n');
    // R: anova(m2, m3) with z = standLRT / 10 and subset = school != 48 (2 pupils) gives Chisq 40.29546694.
    expect(Math.abs((value.table.rows[1][6] as number) / 40.29546694 - 1)).toBeLessThan(1e-4);
  });
});
