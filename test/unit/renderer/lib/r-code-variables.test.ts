import { describe, expect, it } from 'vitest';
import type { ColumnInfo, DatasetInfo, SampleInfo } from '@shared/dataset';
import type { ModelInfo } from '@shared/models';
import { columnsWithSettings, type VariableSettingInfo } from '@shared/variables';
import { rCode } from '../../../../src-renderer/lib/r-code';

/** Copy R code with variable settings: the script renames, converts and reorders after the import, before the recipes. */
const samples: SampleInfo[] = [{ name: 'exam', title: 'Exam', description: '', file: 'exam.csv' }];
const num = (name: string): ColumnInfo => ({ name, kind: 'numeric', missing: 0 });
const int = (name: string): ColumnInfo => ({ name, kind: 'integer', missing: 0 });
const fac = (name: string, levels: string[]): ColumnInfo => ({ name, kind: 'factor', missing: 0, levels });
const model: ModelInfo = {
  id: 'model-1',
  datasetId: 'exam',
  name: 'm1',
  spec: { kind: 'lm', formula: 'normexam ~ lrt + sex', reml: true },
  createdAt: '2024-01-01T00:00:00Z',
};

function exam(settings: VariableSettingInfo[]): DatasetInfo {
  const imported = [
    fac('school', ['1', '2', '3']),
    num('normexam'),
    num('standLRT'),
    fac('sex', ['F', 'M']),
    fac('vr', ['bottom 25%', 'mid 50%', 'top 25%']),
    int('grade'),
    fac('band', ['1', '10', '2']),
  ];
  return { id: 'exam', name: 'Exam', source: 'sample: Exam', rows: 0, columns: columnsWithSettings(imported, settings), importedAt: '2024-01-01T00:00:00Z' };
}

describe('rCode with variable settings', () => {
  it('renames standLRT and makes M the reference level of sex, after the import and before the recipes', () => {
    const dataset = exam([
      { column: 'standLRT', setting: { rename: 'lrt' } },
      { column: 'sex', setting: { levels: ['M', 'F'] } },
    ]);
    const script = rCode(dataset, [{ kind: 'compute', name: 'high', expression: 'lrt > 1' }], model, samples);
    expect(script).toBe(
      [
        '# Model m1 of Nestor, fitted with lme4 in R.',
        '# Data Exam, read from exam.csv: run this in the folder that holds it.',
        'd <- read.csv("exam.csv")',
        '',
        '# Factors with the level orders Nestor uses (the first is the reference level).',
        'd$school <- factor(d$school, levels = c("1", "2", "3"))',
        'd$sex <- factor(d$sex, levels = c("F", "M"))',
        'd$vr <- factor(d$vr, levels = c("bottom 25%", "mid 50%", "top 25%"))',
        'd$band <- factor(d$band, levels = c("1", "10", "2"))',
        '',
        '# Variable settings made in Nestor (new names, types, level orders).',
        'names(d)[names(d) == "standLRT"] <- "lrt"',
        'd$sex <- relevel(d$sex, ref = "M")',
        '',
        '# Recipes, in order.',
        'd$high <- with(d, lrt > 1)',
        '',
        'library(lme4)',
        'm1 <- lm(normexam ~ lrt + sex, data = d)',
        'summary(m1)',
        '',
      ].join('\n'),
    );
  });

  it('types and orders: factor(x), as.numeric(as.character(x)), and levels spelt out when not a relevel', () => {
    const dataset = exam([
      { column: 'school', setting: { kind: 'numeric', rename: 'school_no' } },
      { column: 'vr', setting: { levels: ['mid 50%', 'top 25%', 'bottom 25%'] } },
      { column: 'grade', setting: { kind: 'factor', levels: ['1', '2', '10'] } },
      { column: 'band', setting: { levels: ['10', '2', '1'] } },
    ]);
    const lines = rCode(dataset, [], model, samples).split('\n');
    const at = lines.indexOf('# Variable settings made in Nestor (new names, types, level orders).');
    expect(lines.slice(at + 1, at + 6)).toEqual([
      'names(d)[names(d) == "school"] <- "school_no"',
      'd$school_no <- as.numeric(as.character(d$school_no))',
      'd$vr <- factor(d$vr, levels = c("mid 50%", "top 25%", "bottom 25%"))',
      'd$grade <- factor(d$grade)',
      'd$band <- factor(d$band, levels = c("10", "2", "1"))',
    ]);
    // The import section still makes school a factor as Nestor imported it, under its imported name.
    expect(lines).toContain('d$school <- factor(d$school, levels = c("1", "2", "3"))');
    // A numeric column made a factor in another order lists the order.
    const reordered = exam([{ column: 'grade', setting: { kind: 'factor', levels: ['10', '1', '2'] } }]);
    expect(rCode(reordered, [], model, samples)).toContain('d$grade <- factor(d$grade, levels = c("10", "1", "2"))\n');
  });

  it('writes no settings section when nothing is set', () => {
    expect(rCode(exam([]), [], model, samples)).not.toContain('Variable settings');
  });
});
