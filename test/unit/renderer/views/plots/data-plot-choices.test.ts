import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '@shared/dataset';
import { JobRequest } from '@shared/jobs';
import { boxPlotVariables, completeChoice } from '../../../../../src-renderer/views/plots/data-plot-choices';

// Exam's columns as the app imports the sample (school and student factors).
const exam: DatasetInfo = {
  id: 'ds-1',
  name: 'Exam',
  source: 'sample: Exam',
  rows: 4059,
  importedAt: '2026-01-01T00:00:00Z',
  columns: [
    { name: 'school', kind: 'factor', missing: 0, levels: ['1', '2'] },
    { name: 'normexam', kind: 'numeric', missing: 0 },
    { name: 'schgend', kind: 'factor', missing: 0, levels: ['mixed', 'boys', 'girls'] },
    { name: 'standLRT', kind: 'numeric', missing: 0 },
    { name: 'sex', kind: 'factor', missing: 0, levels: ['F', 'M'] },
    { name: 'year', kind: 'integer', missing: 0 },
    { name: 'passed', kind: 'logical', missing: 0 },
  ],
};

describe('the choices of a box plot', () => {
  it('offers numbers to summarise (not TRUE/FALSE) and factors or whole numbers to group by, with recipe variables', () => {
    const vars = boxPlotVariables(exam, [{ kind: 'compute', name: 'z', expression: 'normexam * 2' }]);
    expect(vars.numeric.map((v) => v.name)).toEqual(['normexam', 'standLRT', 'year', 'z']);
    expect(vars.grouping.map((v) => v.name)).toEqual(['school', 'schgend', 'sex', 'year']);
  });

  it('starts with the first numeric variable by the first factor (normexam by school) and keeps valid choices', () => {
    const vars = boxPlotVariables(exam, []);
    expect(completeChoice({ datasetId: null, y: null, group: null, order: 'level' }, exam, vars)).toEqual({ datasetId: 'ds-1', y: 'normexam', group: 'school', order: 'level' });
    expect(completeChoice({ datasetId: 'ds-1', y: 'standLRT', group: 'sex', order: 'median' }, exam, vars)).toEqual({ datasetId: 'ds-1', y: 'standLRT', group: 'sex', order: 'median' });
    // A variable the dataset no longer has (renamed, recipe removed) falls back to the defaults.
    expect(completeChoice({ datasetId: 'ds-1', y: 'gone', group: 'gone', order: 'level' }, exam, vars)).toMatchObject({ y: 'normexam', group: 'school' });
  });

  it('is validated as a job request: a box plot names y, group and an order of level or median', () => {
    const plot = { kind: 'box', y: 'normexam', group: 'school', order: 'median' };
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot }).success).toBe(true);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, order: 'mean' } }).success).toBe(false);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, y: '' } }).success).toBe(false);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, extra: 1 } }).success).toBe(false);
  });
});
