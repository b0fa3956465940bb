import { describe, expect, it } from 'vitest';
import type { ColumnInfo, DatasetInfo } from '@shared/dataset';
import type { ModelInfo } from '@shared/models';
import { rCode } from '../../../../src-renderer/lib/r-code';

const num = (name: string, missing = 0): ColumnInfo => ({ name, kind: 'numeric', missing });
const fac = (name: string, levels: string[], missing = 0): ColumnInfo => ({ name, kind: 'factor', missing, levels });
const exam = (columns: ColumnInfo[]): DatasetInfo => ({ id: 'exam', name: 'Exam', source: 'sample: Exam', rows: 4059, columns, importedAt: '2024-01-01T00:00:00Z' });
const samples = [{ name: 'exam', title: 'Exam', description: '', file: 'exam.csv' }];
const lmList = (subset?: string): ModelInfo => ({
  id: 'model-1',
  datasetId: 'exam',
  name: 'm1',
  spec: { kind: 'lmList', formula: 'normexam ~ standLRT | school', reml: true, ...(subset ? { subset } : {}) },
  createdAt: '2024-01-01T00:00:00Z',
});

describe('rCode for an lmList model', () => {
  it('uses nlme, whose lmList the course note calls and whose intervals() it plots', () => {
    const script = rCode(exam([fac('school', ['1', '2']), num('normexam'), num('standLRT')]), [], lmList('school != 48'), samples);
    expect(script).toBe(
      [
        '# Model m1 of Nestor, fitted with nlme in R.',
        '# Data Exam, read from exam.csv: run this in the folder that holds it.',
        'd <- read.csv("exam.csv")',
        '',
        '# Factors with the level orders Nestor uses (the first is the reference level).',
        'd$school <- factor(d$school, levels = c("1", "2"))',
        '',
        'library(nlme)',
        'm1 <- lmList(normexam ~ standLRT | school, data = d, subset = school != 48)',
        'm1',
        'intervals(m1)',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the rows missing a model variable first, as Nestor does (lmList would stop at them)', () => {
    const script = rCode(
      exam([fac('school', ['1', '2']), num('normexam'), num('standLRT', 12), num('other', 5)]),
      [{ kind: 'compute', name: 'z', expression: 'standLRT * 2' }],
      lmList(),
      samples,
    );
    expect(script).toContain(
      [
        '# lmList stops at missing values; Nestor leaves out the rows that miss a model variable.',
        'd <- d[complete.cases(d[c("normexam", "standLRT", "school")]), ]',
        '',
        'library(nlme)',
        'm1 <- lmList(normexam ~ standLRT | school, data = d)',
      ].join('\n'),
    );
  });
});
