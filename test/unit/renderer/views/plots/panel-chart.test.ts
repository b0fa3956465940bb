import { describe, expect, it } from 'vitest';
import { fileStem } from '../../../../../src-renderer/views/plots/figure-spec';
import type { IntervalFigure } from '../../../../../src-renderer/views/plots/interval-figure';
import { describePoint, panelConfig, panelHeight, ROW_HEIGHT } from '../../../../../src-renderer/views/plots/panel-chart';

const figure: IntervalFigure = {
  groupTitle: 'school',
  valueTitle: 'Estimate',
  groups: ['2', '1'],
  panels: [
    {
      title: '(Intercept)',
      referenceLine: null,
      points: [
        { group: '2', value: 0.482279913863831, lower: 0.273699235798752, upper: 0.690860591928909 },
        { group: '1', value: 0.383334972304152, lower: 0.210534769999843, upper: 0.556135174608462 },
      ],
    },
  ],
  caption: '',
};

describe('a panel as chart.js draws it', () => {
  it('puts the figure’s first group at the top and each interval as xMin..xMax', () => {
    const data = panelConfig(figure, figure.panels[0], true).data.datasets[0].data;
    expect(data.map((d) => [d.group, d.y, d.x, d.xMin, d.xMax])).toEqual([
      ['2', 1, 0.482279913863831, 0.273699235798752, 0.690860591928909],
      ['1', 0, 0.383334972304152, 0.210534769999843, 0.556135174608462],
    ]);
    expect(panelHeight(figure)).toBeGreaterThanOrEqual(2 * ROW_HEIGHT);
  });

  it('says in the tooltip the group, the value and its interval as R rounds them', () => {
    expect(describePoint(figure, figure.panels[0], { group: '1', x: 0.383334972304152, lower: 0.210534769999843, upper: 0.556135174608462 })).toEqual([
      'school 1',
      '(Intercept): 0.3833',
      '95% interval: [0.2105, 0.5561]',
    ]);
    expect(describePoint(figure, figure.panels[0], { group: '1', x: 0.5, lower: null, upper: null })[2]).toBe('95% interval: NA');
  });

  it('names the PNG after the model and the plot', () => {
    expect(fileStem('m3', 'caterpillar')).toBe('m3-caterpillar');
    expect(fileStem('exam slopes/2', 'intervals')).toBe('exam_slopes_2-intervals');
  });
});
