import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '@shared/dataset';
import { JobRequest } from '@shared/jobs';
import type { DataPlotChoice } from '../../../../../src-renderer/lib/stores/plots.svelte';
import { boxPlotVariables, completeChoice, pairsVariables, parseLevels, plotOptions } from '../../../../../src-renderer/views/plots/data-plot-choices';

const rest: Omit<DataPlotChoice, 'datasetId' | 'y' | 'group' | 'order'> = {
  kind: 'box',
  x: null,
  subset: { pick: 'random', k: 10, seed: 202201 },
  layout: 'facets',
  by: null,
  variables: [],
  colour: null,
};

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
    expect(completeChoice({ ...rest, datasetId: null, y: null, group: null, order: 'level' }, exam, vars)).toMatchObject({ datasetId: 'ds-1', y: 'normexam', group: 'school', order: 'level' });
    expect(completeChoice({ ...rest, datasetId: 'ds-1', y: 'standLRT', group: 'sex', order: 'median' }, exam, vars)).toMatchObject({ datasetId: 'ds-1', y: 'standLRT', group: 'sex', order: 'median' });
    // A variable the dataset no longer has (renamed, recipe removed) falls back to the defaults.
    expect(completeChoice({ ...rest, datasetId: 'ds-1', y: 'gone', group: 'gone', order: 'level' }, exam, vars)).toMatchObject({ y: 'normexam', group: 'school' });
  });

  it('is validated as a job request: a box plot names y, group and an order of level or median', () => {
    const plot = { kind: 'box', y: 'normexam', group: 'school', order: 'median' };
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot }).success).toBe(true);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, order: 'mean' } }).success).toBe(false);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, y: '' } }).success).toBe(false);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...plot, extra: 1 } }).success).toBe(false);
  });
});

describe('the choices of the other data plots', () => {
  const vars = boxPlotVariables(exam, []);
  const start = completeChoice({ ...rest, datasetId: null, y: null, group: null, order: 'level' }, exam, vars);

  it('defaults: x another numeric variable, three variables for pairs coloured by the first small factor', () => {
    expect(start).toMatchObject({ y: 'normexam', x: 'standLRT', group: 'school', variables: ['normexam', 'standLRT', 'year'], colour: 'school' });
  });

  it('builds each kind’s options, valid as a job request', () => {
    const kinds = ['box', 'scatter', 'lines', 'histogram', 'pairs'] as const;
    const options = kinds.map((kind) => plotOptions({ ...start, kind }));
    expect(options[1]).toEqual({ kind: 'scatter', y: 'normexam', x: 'standLRT', group: 'school', groups: { pick: 'random', k: 10, seed: 202201 }, layout: 'facets' });
    expect(options[3]).toEqual({ kind: 'histogram', x: 'normexam', by: null });
    expect(options[4]).toEqual({ kind: 'pairs', variables: ['normexam', 'standLRT', 'year'], colour: 'school' });
    for (const plot of options) expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot }).success).toBe(true);
    // More than 6 pairs variables, or an empty chosen subset, are refused at the boundary.
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { kind: 'pairs', variables: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], colour: null } }).success).toBe(false);
    expect(JobRequest.safeParse({ kind: 'plot.data', datasetId: 'ds-1', plot: { ...options[1], groups: { pick: 'chosen', levels: [] } } }).success).toBe(false);
  });

  it('pairs offers numbers and factors of at most 20 levels, in the dataset’s order, and keeps a chosen factor', () => {
    const wide: DatasetInfo = { ...exam, columns: [...exam.columns, { name: 'id', kind: 'factor', missing: 0, levels: Array.from({ length: 21 }, (_, k) => `s${k}`) }] };
    expect(pairsVariables(wide, []).map((v) => v.name)).toEqual(['school', 'normexam', 'schgend', 'standLRT', 'sex', 'year']);
    const chosen = completeChoice({ ...start, kind: 'pairs', variables: ['schgend', 'normexam', 'standLRT'], colour: 'sex' }, exam, vars);
    expect(plotOptions(chosen)).toEqual({ kind: 'pairs', variables: ['schgend', 'normexam', 'standLRT'], colour: 'sex' });
  });

  it('reads chosen levels typed with commas', () => {
    expect(parseLevels(' 1, 5 ,,12, 5')).toEqual(['1', '5', '12']);
  });
});
