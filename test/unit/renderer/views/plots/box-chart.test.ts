import { describe, expect, it } from 'vitest';
import type { BoxPlotValue } from '@shared/data-plots';
import fixture from '../../../../fixtures/plots/boxplot-stats.json';
import { BOX_CHROME, BOX_SLOT, boxCaption, boxChartConfig, boxDatum, boxFigureWidth, boxTable, describeBox } from '../../../../../src-renderer/views/plots/box-chart';

// R: boxplot(y ~ g) of the fixture's small case (test/fixtures/tools/make-boxplot-fixtures.R).
const small = fixture.small as unknown as {
  levels: string[];
  n: number[];
  stats: ([number, number, number, number, number] | [null, null, null, null, null])[];
  outliers: number[][];
};
const value: BoxPlotValue = {
  kind: 'box',
  datasetId: 'ds-1',
  y: 'y',
  group: 'g',
  order: 'level',
  boxes: small.levels.map((level, k) => ({
    level,
    n: small.n[k],
    stats: small.stats[k][0] === null ? null : (small.stats[k] as [number, number, number, number, number]),
    outliers: small.outliers[k],
  })),
  rows: 19,
  dropped: 2,
};

describe('box plots as chart.js draws them', () => {
  it('gives the plugin the engine’s whiskers and hinges, the axis room for outliers, and no box for an empty level', () => {
    const config = boxChartConfig(value);
    expect(config.data.labels).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'z']);
    const [a, , , , , , z] = config.data.datasets[0].data;
    // a: stats 1 1 2 3 3 with outliers 40 and -30
    expect(a).toMatchObject({ whiskerMin: 1, q1: 1, median: 2, q3: 3, whiskerMax: 3, outliers: [40, -30], min: -30, max: 40, items: [] });
    expect(Number.isNaN(a!.mean)).toBe(true);
    expect(z).toBeNull();
    expect(boxDatum(value.boxes[1])).toMatchObject({ min: 5, max: 7, whiskerMax: 5 });
  });

  it('says n, median, hinges, whiskers and outliers in the tooltip', () => {
    expect(describeBox(value, value.boxes[0])).toEqual(['g a (n = 6)', 'median: 2', 'hinges: 1 to 3', 'whiskers: 1 to 3', '2 outliers']);
    expect(describeBox(value, value.boxes[5])).toEqual(['g f (n = 3)', 'median: 4', 'hinges: 3.5 to 52', 'whiskers: 3 to 100', 'no outliers']);
    expect(describeBox(value, value.boxes[6])).toEqual(['g z (n = 0)', 'no values']);
  });

  it('lists every box’s numbers for the table (NA for an empty level) and says what was left out', () => {
    const table = boxTable(value);
    expect(table.header).toEqual(['g', 'n', 'lower whisker', 'lower hinge', 'median', 'upper hinge', 'upper whisker', 'outliers']);
    expect(table.rows[3]).toEqual(['d', 2, 2.5, 2.5, 6.25, 10, 10, 0]);
    expect(table.rows[6]).toEqual(['z', 0, null, null, null, null, null, 0]);
    expect(boxCaption(value)).toContain('2 rows with y or g missing left out');
    expect(boxCaption({ ...value, order: 'median' })).toContain('ordered by median');
    expect(boxCaption({ ...value, rows: 4059 })).toContain('4,059 rows');
  });

  it('gives each box a slot, scrolling sideways when the window is narrower', () => {
    expect(boxFigureWidth(value, 1000)).toBe(1000);
    expect(boxFigureWidth({ ...value, boxes: Array.from({ length: 65 }, () => value.boxes[0]) }, 800)).toBe(65 * BOX_SLOT + BOX_CHROME);
  });
});
