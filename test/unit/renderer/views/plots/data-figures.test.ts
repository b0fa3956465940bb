import { describe, expect, it } from 'vitest';
import type { HistogramValue, LinesPlotValue, PairsValue, ScatterPlotValue } from '@shared/data-plots';
import { describeRow, padded, tickStep } from '../../../../../src-renderer/views/plots/data-figure-kit';
import { dataPlotTable } from '../../../../../src-renderer/views/plots/data-plot-tables';
import { barHeights, histogramCaption, histogramConfig } from '../../../../../src-renderer/views/plots/histogram-figure';
import { correlationLines, pairsCellConfig, pairsFigure } from '../../../../../src-renderer/views/plots/pairs-figure';
import { facetColumns, facetConfig, linesConfig, scatterCaption, scatterFigure, singleScatterConfig } from '../../../../../src-renderer/views/plots/scatter-figure';

const scatter: ScatterPlotValue = {
  kind: 'scatter',
  datasetId: 'ds-1',
  y: 'normexam',
  x: 'standLRT',
  group: 'school',
  layout: 'facets',
  groups: { subset: { pick: 'random', k: 3, seed: 202201 }, levels: ['3', '10', '18'], of: 65 },
  panels: [
    { level: '3', n: 2, points: { x: [0, 1], y: [1, 3], row: [101, 102] }, thinned: 0, line: { intercept: 1, slope: 2 }, xRange: [0, 1] },
    { level: '10', n: 2, points: { x: [2, 2], y: [0, 1], row: [201, 202] }, thinned: 0, line: null, xRange: [2, 2] },
    { level: '18', n: 1, points: { x: [-1], y: [2], row: [300] }, thinned: 0, line: null, xRange: [-1, -1] },
  ],
  xRange: [-1, 2],
  yRange: [0, 3],
  rows: 5,
  dropped: 1,
};

describe('scatter by group', () => {
  it('a facet per group: its rows as data, the engine’s line across the group’s x range, shared axes', () => {
    const figure = scatterFigure(scatter, 'Exam', 2000);
    expect(figure.panels.map((p) => p.key)).toEqual(['3', '10', '18']);
    expect(figure.columns).toBe(3);
    const config = facetConfig(scatter, 0, 3);
    expect(config.data.datasets[0].data).toEqual([
      { x: 0, y: 1, row: 101, group: '3' },
      { x: 1, y: 3, row: 102, group: '3' },
    ]);
    expect(config.data.datasets[1].data).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: 3 },
    ]);
    // No line where the engine says NA.
    expect(facetConfig(scatter, 1, 3).data.datasets[1].data).toEqual([]);
    // Every facet has the same axis limits: R's 4% beyond the data.
    const scales = [0, 1, 2].map((k) => facetConfig(scatter, k, 3).options!.scales!);
    for (const s of scales) expect([s.x!.min, s.x!.max, s.y!.min, s.y!.max]).toEqual([-1.12, 2.12, -0.12, 3.12]);
  });

  it('says how the groups were drawn, the seed, the rows left out and the groups without a line', () => {
    const caption = scatterCaption(scatter);
    expect(caption).toContain('3 of 65 groups of school drawn at random with seed 202201 (R: set.seed(202201); sample(levels(school), 3))');
    expect(caption).toContain('2 groups have fewer than 2 distinct standLRT values and no line (NA).');
    expect(caption).toContain('1 row with normexam, standLRT or school missing left out.');
  });

  it('lays facets out in even rows that fit the width', () => {
    expect(facetColumns(10, 1400)).toBe(5);
    expect(facetColumns(65, 1400)).toBe(6);
    expect(facetColumns(3, 100)).toBe(1);
  });

  it('one panel: a colour per group, its points and its line', () => {
    const config = singleScatterConfig({ ...scatter, layout: 'single' });
    expect(config.data.datasets).toHaveLength(6);
    expect(config.data.datasets[0].label).toBe('3');
    expect(config.data.datasets[0].borderColor).toBe(config.data.datasets[1].borderColor);
  });

  it('tooltips give the row, the group and the values', () => {
    expect(describeRow({ x: 0.5, y: -1.25, row: 17, group: '3' }, { x: 'standLRT', y: 'normexam', group: 'school' })).toEqual(['row 17', 'school: 3', 'standLRT: 0.5', 'normexam: -1.25']);
  });

  it('the table lists each group’s line, NA where there is none', () => {
    expect(dataPlotTable(scatter)!.table.rows).toEqual([
      ['3', 2, 1, 2],
      ['10', 2, null, null],
      ['18', 1, null, null],
    ]);
  });
});

describe('lines by group', () => {
  it('a line per group through its points in the engine’s order', () => {
    const v: LinesPlotValue = {
      kind: 'lines',
      datasetId: 'ds-1',
      y: 'y',
      x: 'x',
      group: 'g',
      groups: { subset: { pick: 'chosen', levels: ['a'] }, levels: ['a'], of: 2 },
      series: [{ level: 'a', points: { x: [1, 2, 3], y: [3, 1, 2], row: [9, 7, 8] } }],
      xRange: [1, 3],
      yRange: [1, 3],
      rows: 3,
      dropped: 0,
    };
    const config = linesConfig(v);
    expect(config.data.datasets[0]).toMatchObject({ label: 'a', showLine: true });
    expect(config.data.datasets[0].data.map((d) => (d as { row: number }).row)).toEqual([9, 7, 8]);
  });
});

describe('histogram and density', () => {
  const v: HistogramValue = {
    kind: 'histogram',
    datasetId: 'ds-1',
    x: 'x',
    by: null,
    // R: hist(c(1, 2, 2, 3, 3, 3, 10)): breaks 0, 2, 4, 6, 8, 10, counts 3 3 0 0 1
    breaks: [0, 2, 4, 6, 8, 10],
    counts: [3, 3, 0, 0, 1],
    density: { x: [0, 5, 10], y: [0.1, 0.05, 0.02], bw: 0.455, n: 7 },
    groups: [],
    rows: 7,
    dropped: 0,
  };
  it('bars on the density scale, as hist(freq = FALSE): count / (n × width)', () => {
    expect(barHeights(v).map((b) => b.y)).toEqual([3 / 14, 3 / 14, 0, 0, 1 / 14]);
    expect(barHeights(v)[0]).toMatchObject({ lower: 0, upper: 2, count: 3 });
    const config = histogramConfig(v);
    expect(config.data.datasets[1].data).toEqual([
      { x: 0, y: 0.1 },
      { x: 5, y: 0.05 },
      { x: 10, y: 0.02 },
    ]);
  });
  it('the caption names the cells and the bandwidth', () => {
    expect(histogramCaption(v)).toContain('7 values in 5 cells of width 2');
    expect(histogramCaption(v)).toContain('bw.nrd0 = 0.455');
  });
});

describe('pairs', () => {
  const v: PairsValue = {
    kind: 'pairs',
    datasetId: 'ds-1',
    variables: ['a', 'b'],
    colour: 'sex',
    levels: ['F', 'M'],
    values: [
      [1, 2, 3],
      [2, 1, 4],
    ],
    codes: [0, 1, 0],
    row: [1, 2, 3],
    thinned: 0,
    cor: [
      [1, 0.5],
      [0.5, 1],
    ],
    corByLevel: [
      [
        [1, 1],
        [1, 1],
      ],
      [
        [null, null],
        [null, null],
      ],
    ],
    densities: [
      [null, null],
      [null, null],
    ],
    ranges: [
      [1, 3],
      [1, 4],
    ],
    rows: 3,
    dropped: 0,
  };
  it('p × p panels: scatter below, correlations above (NA where undefined), coloured points carry their rows', () => {
    expect(pairsFigure(v, 'Exam').panels.map((p) => p.key)).toEqual(['0-0', '0-1', '1-0', '1-1']);
    expect(correlationLines(v, 0, 1).map((l) => l.text)).toEqual(['Corr: 0.5', 'F: 1', 'M: NA']);
    const lower = pairsCellConfig(v, 1, 0);
    expect(lower.data.datasets[0].data).toEqual([
      { x: 1, y: 2, row: 1, group: 'F' },
      { x: 3, y: 4, row: 3, group: 'F' },
    ]);
    expect(lower.data.datasets[1].data).toEqual([{ x: 2, y: 1, row: 2, group: 'M' }]);
  });
});

describe('axes', () => {
  it('pads 4% each side, and puts about four ticks in a small panel', () => {
    expect(padded([0, 10])).toEqual({ min: -0.4, max: 10.4 });
    expect(tickStep(-4.2, 4.3)).toBe(2);
    expect(tickStep(0, 0.45)).toBe(0.1);
  });
});
