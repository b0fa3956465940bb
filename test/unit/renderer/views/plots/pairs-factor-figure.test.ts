import { describe, expect, it } from 'vitest';
import type { BoxStats, PairsValue } from '@shared/data-plots';
import { dataPlotTable } from '../../../../../src-renderer/views/plots/data-plot-tables';
import { pairsCaption, pairsCellConfig, pairsFigure } from '../../../../../src-renderer/views/plots/pairs-figure';
import { dodged, type FactorDatum } from '../../../../../src-renderer/views/plots/pairs-factor-cells';

/** Two social levels × gender, with math: the second note's ggpairs in miniature; numbers as R gives them for jsp (S1 math). */
const box = (level: string, n: number, stats: BoxStats['stats'], outliers: number[] = []): BoxStats => ({ level, n, stats, outliers });
const v: PairsValue = {
  kind: 'pairs',
  datasetId: 'ds-1',
  variables: ['social', 'math', 'gender'],
  colour: 'gender',
  levels: ['boy', 'girl'],
  values: [
    [0, 1, 1],
    [3, -4, 10],
    [0, 1, 0],
  ],
  codes: [0, 1, 0],
  row: [1, 2, 3],
  thinned: 0,
  cor: [
    [null, null, null],
    [null, 1, null],
    [null, null, null],
  ],
  corByLevel: [0, 1].map(() => [0, 1, 2].map(() => [null, null, null])),
  densities: [[null, null], [null, null], [null, null]],
  ranges: [
    [0, 1],
    [-4, 10],
    [0, 1],
  ],
  rows: 3,
  dropped: 0,
  factorLevels: [['S1', 'S2'], null, ['boy', 'girl']],
  bars: [
    [
      [117, 111],
      [231, 200],
    ],
    null,
    [
      [348, 0],
      [0, 311],
    ],
  ],
  boxes: [
    { factor: 0, numeric: 1, boxes: [[box('boy', 117, [-12, -5, -2, 1, 10], [-19, 11]), box('girl', 111, [-11, -2, 2, 5, 15])], [box('boy', 231, [-11, -4.5, -1, 2, 11]), box('girl', 200, [-11, -2.5, 1, 4, 12])]] },
    { factor: 2, numeric: 1, boxes: [[box('boy', 348, [-12, -5, -1, 2, 11]), box('girl', 0, null)], [box('boy', 0, null), box('girl', 311, [-11, -2, 1, 4, 15])]] },
  ],
  crossCounts: [{ a: 0, b: 2, counts: [[[117, 0], [0, 111]], [[231, 0], [0, 200]]] }],
};
const data = (i: number, j: number, d = 0) => pairsCellConfig(v, i, j).data.datasets[d].data as FactorDatum[];

describe('pairs with factors: ggpairs’ discrete panels', () => {
  it('a factor’s diagonal: a bar per level and colour level, side by side, the count axis from 0', () => {
    const bars = data(0, 0);
    expect(bars.map((b) => b.y)).toEqual([117, 111, 231, 200]);
    expect(bars[0].x).toBeCloseTo(dodged(0, 0, 2).centre, 12);
    expect(bars[1].x).toBeCloseTo(0.225, 12);
    expect(bars[2].lines).toEqual(['social: S2', 'gender: boy', 'count: 231']);
    const config = pairsCellConfig(v, 0, 0);
    expect(config.options?.scales?.y?.min).toBe(0);
    expect(config.options?.scales?.y?.max).toBeCloseTo(231 * 1.06, 10);
  });

  it('factor × number: boxes with the factor on the axis of its column or row, in both triangles; outliers as points', () => {
    // Above the diagonal (row social, column math): the factor on y, the boxes lie horizontally.
    const upper = data(0, 1);
    expect(upper[0]).toMatchObject({ x: -2, y: dodged(0, 0, 2).centre });
    expect(upper[0].lines).toEqual(['social: S1', 'gender: boy', 'n = 117', 'math: median -2', 'hinges -5 – 1', 'whiskers -12 – 10', '2 outliers']);
    // Below (row math, column social): the factor on x, boxes stand up.
    const lower = data(1, 0);
    expect(lower[3]).toMatchObject({ x: dodged(1, 1, 2).centre, y: 1 });
    expect(data(1, 0, 1).map((p) => p.y)).toEqual([-19, 11]);
    const ticks = pairsCellConfig(v, 2, 0).options?.scales?.x?.ticks as { callback: (t: number) => string; stepSize: number };
    expect([ticks.stepSize, ticks.callback(0), ticks.callback(1)]).toEqual([1, 'S1', 'S2']);
    // A level without rows in a colour draws no box, and the other colour's box takes the whole slot.
    expect(data(1, 2).map((d) => d.x)).toEqual([0, 1]);
  });

  it('factor × factor: one square per level combination and colour, the same counts above and below', () => {
    const upper = data(0, 2);
    expect(upper.filter((d) => d.lines.at(-1) !== 'count: 0').map((d) => d.lines)).toEqual([
      ['social: S1', 'gender: boy', 'gender: boy', 'count: 117'],
      ['social: S1', 'gender: girl', 'gender: girl', 'count: 111'],
      ['social: S2', 'gender: boy', 'gender: boy', 'count: 231'],
      ['social: S2', 'gender: girl', 'gender: girl', 'count: 200'],
    ]);
    const lower = data(2, 0).filter((d) => d.lines.at(-1) === 'count: 231');
    // Only boys in this combination's colour: the square takes the whole slot, as ggplot dodges the groups present.
    expect(lower).toEqual([{ x: 1, y: 0, lines: ['gender: boy', 'social: S2', 'gender: boy', 'count: 231'] }]);
  });

  it('labels every panel and says in the caption what each factor cell is and why boxes stand below the diagonal', () => {
    const f = pairsFigure(v, 'jsp');
    expect(f.panels.map((p) => p.label).slice(0, 4)).toEqual(['Counts of social', 'math by social', 'Counts of social by gender', 'math by social']);
    expect(pairsCaption(v)).toContain('bars of the counts per level on the diagonal, one per gender level side by side (ggpairs’ barDiag)');
    expect(pairsCaption(v)).toContain('faceted histograms below (facethist');
    // The copyable correlation table leaves the factors out.
    expect(dataPlotTable(v)?.table).toEqual({ header: ['', 'math'], rows: [['math', 1]] });
  });
});
