import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { VariableSettingInfo } from '@shared/variables';
import { silentContext } from '../../../../src-main/engine/context';
import type { FactorColumn, NumericColumn } from '../../../../src-main/engine/data/column';
import { fitModel } from '../../../../src-main/engine/fit/fit-model';
import { applySettingsAndRecipes, applyVariableSettings } from '../../../../src-main/engine/recipes/apply-variables';
import { runTask } from '../../../../src-main/engine/tasks';
import { readSimpleCsv } from '../../helpers/csv-columns';
import { factor, frameOf, numeric } from './helpers';

/** R's numbers for these settings: test/fixtures/tools/make-variables-fixtures.R. */
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/variables/exam-settings.json', import.meta.url), 'utf8'));
const toNumber = (s: string | null) => (s === null ? NaN : s === '-Inf' ? -Infinity : s === 'Inf' ? Infinity : Number(s));

function badInput(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bad-input');
    return err as AppError;
  }
  throw new Error('expected a bad-input error');
}

describe('variable settings applied to the imported frame', () => {
  it('factor(x) of numbers gives R levels and codes, values written alike sharing a level', () => {
    const { x, levels, codes } = fixture.conversions.factor_of_numbers;
    const frame = frameOf(numeric('x', x.map(toNumber)));
    const out = applyVariableSettings(frame, [{ column: 'x', setting: { kind: 'factor' } }]).columns[0] as FactorColumn;
    expect(out.kind).toBe('factor');
    expect(out.levels).toEqual(levels);
    // R's codes are 1-based with NA; the engine's are 0-based with -1.
    expect(Array.from(out.codes, (c) => (c < 0 ? null : c + 1))).toEqual(codes);
  });

  it('as.numeric(as.character(f)) reads each label as R does (blanks, hex, exponents, -Inf)', () => {
    const { labels, values } = fixture.conversions.numbers_of_factor;
    const frame = frameOf(factor('f', labels, fixture.conversions.numbers_of_factor.levels));
    const out = applyVariableSettings(frame, [{ column: 'f', setting: { kind: 'numeric' } }]).columns[0] as NumericColumn;
    expect(out.kind).toBe('numeric');
    expect(Array.from(out.values)).toEqual(values.map(toNumber));
  });

  it('a level order recodes the factor; a new name replaces the old; other columns are shared, the imported ones untouched', () => {
    const sex = factor('sex', ['F', 'M', null, 'M'], ['F', 'M']);
    const score = numeric('standLRT', [1, 2, 3, 4]);
    const other = numeric('normexam', [0, 0, 0, 0]);
    const frame = frameOf(sex, score, other);
    const settings: VariableSettingInfo[] = [
      { column: 'sex', setting: { levels: ['M', 'F'] } },
      { column: 'standLRT', setting: { rename: 'lrt' } },
    ];
    const out = applyVariableSettings(frame, settings);
    expect(out.columns.map((c) => c.name)).toEqual(['sex', 'lrt', 'normexam']);
    const releveled = out.columns[0] as FactorColumn;
    expect(releveled.levels).toEqual(['M', 'F']);
    expect(Array.from(releveled.codes)).toEqual([1, 0, -1, 0]);
    expect((out.columns[1] as NumericColumn).values).toBe(score.values);
    expect(out.columns[2]).toBe(other);
    expect(sex.levels).toEqual(['F', 'M']);
    expect(Array.from(sex.codes)).toEqual([0, 1, -1, 1]);
    expect(frame.columns.map((c) => c.name)).toEqual(['sex', 'standLRT', 'normexam']);
  });

  it('a numeric column made a factor can be given a level order at once', () => {
    const out = applyVariableSettings(frameOf(numeric('grade', [2, 1, 3, 1])), [
      { column: 'grade', setting: { kind: 'factor', levels: ['3', '1', '2'] } },
    ]).columns[0] as FactorColumn;
    expect(out.levels).toEqual(['3', '1', '2']);
    expect(Array.from(out.codes)).toEqual([2, 1, 0, 1]);
  });

  it('no settings give the frame back as it was', () => {
    const frame = frameOf(numeric('x', [1]));
    expect(applyVariableSettings(frame, [])).toBe(frame);
    expect(applyVariableSettings(frame)).toBe(frame);
  });

  it('refuses what it cannot apply, naming the variable and the reason', () => {
    const frame = frameOf(factor('school', ['1', 'a', '2']), numeric('math', [1, 2, 3]), factor('sex', ['F', 'M', 'F']));
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'school', setting: { kind: 'numeric' } }])).message).toBe(
      'Variable settings of school: the level "a" is not a number, so the variable cannot be numeric (keep it a factor).',
    );
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'nope', setting: { rename: 'x' } }])).message).toMatch(/no imported variable "nope"/);
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'sex', setting: { levels: ['M'] } }])).message).toMatch(/sex: .*leaves out "F"/);
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'sex', setting: { levels: ['M', 'F', 'X'] } }])).message).toMatch(/no level "X"/);
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'math', setting: { levels: ['1'] } }])).message).toMatch(/math: .*not a factor/);
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'math', setting: { rename: 'my score' } }])).message).toMatch(/not a plain R name/);
    expect(badInput(() => applyVariableSettings(frame, [{ column: 'math', setting: { rename: 'sex' } }])).message).toBe(
      'Variable settings: two variables are called "sex"; give one of them another name.',
    );
  });

  it('recipes see the new names, types and levels', () => {
    const frame = frameOf(numeric('standLRT', [-1, 2]), factor('sex', ['F', 'M'], ['F', 'M']));
    const settings: VariableSettingInfo[] = [
      { column: 'standLRT', setting: { rename: 'lrt' } },
      { column: 'sex', setting: { levels: ['M', 'F'] } },
    ];
    const { frame: out } = applySettingsAndRecipes(frame, settings, [
      { kind: 'compute', name: 'ref', expression: 'as.numeric(sex)' },
      { kind: 'filter', expression: 'lrt > 0' },
    ]);
    expect(out.rows).toBe(1);
    expect(Array.from((out.columns.find((c) => c.name === 'ref') as NumericColumn).values)).toEqual([1]);
  });
});

describe('jobs with variable settings', () => {
  const exam = readSimpleCsv('exam.csv');
  const settings: VariableSettingInfo[] = [
    { column: 'standLRT', setting: { rename: 'lrt' } },
    { column: 'sex', setting: { levels: ['M', 'F'] } },
  ];

  it('lm(normexam ~ lrt + sex) with M as the reference level gives R coefficient sexF and its numbers', async () => {
    const value = await fitModel(
      { spec: { kind: 'lm', formula: 'normexam ~ lrt + sex', reml: true }, rows: exam.rows, columns: exam.columns, recipes: [], variables: settings, dataName: 'Exam' },
      silentContext,
    );
    const coef = (value.fit as { coef: { names: string[]; estimate: number[]; se: number[]; t: number[] } }).coef;
    const ref = fixture.lm.coef;
    expect(coef.names).toEqual(ref.names);
    coef.estimate.forEach((b, i) => expect(b).toBeCloseTo(toNumber(ref.estimate[i]), 12));
    coef.se.forEach((b, i) => expect(b).toBeCloseTo(toNumber(ref.se[i]), 12));
    coef.t.forEach((b, i) => expect(b).toBeCloseTo(toNumber(ref.t[i]), 9));
    expect(value.text).toContain('sexF');
    expect(value.text).toContain('lm(formula = normexam ~ lrt + sex, data = Exam)');
  });

  it('a recipe or formula that uses an old name says what the variable is called now', async () => {
    const fit = runTask(
      {
        kind: 'model.fit',
        input: { spec: { kind: 'lm', formula: 'normexam ~ standLRT', reml: true }, rows: exam.rows, columns: exam.columns, recipes: [], variables: settings, dataName: 'Exam' },
      },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    );
    await expect(fit).rejects.toThrow(/there is no variable "standLRT".*\(standLRT was renamed lrt in the Variables panel\)\.$/);

    const summary = runTask(
      {
        kind: 'dataset.summary',
        input: { datasetId: 'ds', rows: exam.rows, columns: exam.columns, variables: settings, recipes: [{ kind: 'compute', name: 'high', expression: 'standLRT > 1' }] },
      },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    );
    await expect(summary).rejects.toThrow(/^Recipe 1 \(high = standLRT > 1\).*there is no variable "standLRT".*standLRT was renamed lrt/);
  });

  it('a summary describes the columns after the settings', async () => {
    const value = (await runTask(
      { kind: 'dataset.summary', input: { datasetId: 'ds', rows: exam.rows, columns: exam.columns, variables: settings, recipes: [] } },
      silentContext,
      { readFile: () => Promise.reject(new Error('no files')) },
    )) as { columns: { name: string; counts?: { level: string }[] }[] };
    expect(value.columns.map((c) => c.name)).toContain('lrt');
    expect(value.columns.map((c) => c.name)).not.toContain('standLRT');
  });
});
