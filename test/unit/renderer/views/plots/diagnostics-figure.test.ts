import { describe, expect, it } from 'vitest';
import type { DiagnosticsValue, PanelPoints } from '@shared/model-plots';
import fixture from '../../../../fixtures/plots/diagnostics.json';
import {
  DIAG_HEIGHT,
  DIAG_WIDTH,
  describeDiagPoint,
  diagnosticsCaption,
  diagnosticsFigure,
  histogramOutline,
  panelPoints,
  SMOOTH,
} from '../../../../../src-renderer/views/plots/diagnostics-figure';

/**
 * Exam m3's numbers as R gives them (test/fixtures/plots/diagnostics.json), which the
 * engine's match (test/unit/engine/plots/diagnostics.test.ts), in the shape of the
 * plot.model job's answer.
 */
const ref = fixture.exam_m3 as unknown as {
  fitted: string[];
  resid: string[];
  standardized: string[];
  lowess: { lx: string[]; ly: string[] };
  scale_lowess: { lx: string[]; ly: string[] };
  qq: { theoretical: string[]; slope: string; intercept: string };
  hist: { breaks: string[]; counts: number[] };
  school: number[];
  observed: string[];
  standLRT: string[];
};
const nums = (a: string[]) => a.map(Number);
const school = ref.school.map((s) => s - 1);
const observed = nums(ref.observed);
const standLRT = nums(ref.standLRT);
const fitted = nums(ref.fitted);
const resid = nums(ref.resid);
const std = nums(ref.standardized);
const pts = (x: number[], y: number[]): PanelPoints => ({ x, y, row: x.map((_, i) => i + 1), group: school, fitted, resid });
const value: DiagnosticsValue = {
  kind: 'diagnostics',
  modelId: 'mdl-1',
  modelKind: 'lmer',
  formula: 'normexam ~ standLRT + (standLRT | school)',
  response: 'normexam',
  nobs: 4059,
  thinned: false,
  standardized: 'pearson/sigma',
  groupName: 'school',
  groupLevels: Array.from({ length: 65 }, (_, k) => String(k + 1)),
  predictors: ['standLRT'],
  predictor: 'standLRT',
  residualsFitted: { points: pts(fitted, resid), smooth: { x: nums(ref.lowess.lx), y: nums(ref.lowess.ly) } },
  qq: { points: pts(nums(ref.qq.theoretical), std), slope: Number(ref.qq.slope), intercept: Number(ref.qq.intercept) },
  histogram: { breaks: nums(ref.hist.breaks), counts: ref.hist.counts },
  residualsPredictor: { points: pts(standLRT, resid) },
  residualsGroup: { boxes: Array.from({ length: 65 }, (_, k) => ({ level: String(k + 1), n: 1, stats: [-1, -0.5, 0, 0.5, 1] as [number, number, number, number, number], outliers: [] })) },
  observedFitted: { points: pts(fitted, observed) },
  residualsObserved: { points: pts(resid, observed) },
  scaleLocation: { points: pts(fitted, std.map((s) => Math.sqrt(Math.abs(s)))), smooth: { x: nums(ref.scale_lowess.lx), y: nums(ref.scale_lowess.ly) } },
};

describe('the diagnostics gallery', () => {
  it('lays out eight report-sized panels, three to a row, named after the model', () => {
    const fig = diagnosticsFigure(value, 'm3');
    expect(fig.columns).toBe(3);
    expect(fig.fileStem).toBe('m3-diagnostics');
    expect(fig.panels.map((p) => p.key)).toEqual(['residuals-fitted', 'qq', 'scale-location', 'histogram', 'observed-fitted', 'residuals-observed', 'residuals-predictor', 'residuals-group']);
    for (const p of fig.panels) expect([p.width, p.height]).toEqual([DIAG_WIDTH, DIAG_HEIGHT]);
    expect(fig.caption).toContain('4,059 observations');
    expect(fig.caption).not.toContain('20,000');
  });

  it('draws the engine’s points, smooth and zero line in residuals vs fitted, with titled axes', () => {
    const config = diagnosticsFigure(value, 'm3').panels[0].config() as unknown as {
      type: string;
      data: { datasets: { data: { x: number; y: number; row?: number }[]; borderColor?: string; showLine?: boolean }[] };
      options: { animation: boolean; responsive: boolean; scales: Record<string, { title: { text: string } }>; plugins: { title: { text: string } } };
    };
    expect(config.type).toBe('scatter');
    expect(config.options.animation).toBe(false);
    expect(config.options.responsive).toBe(false);
    const [points, smooth, zero] = config.data.datasets;
    expect(points.data).toHaveLength(4059);
    expect(points.data[0]).toMatchObject({ x: value.residualsFitted.points.x[0], y: value.residualsFitted.points.y[0], row: 1, group: '1' });
    expect(smooth.borderColor).toBe(SMOOTH);
    expect(smooth.data.map((d) => d.y)).toEqual(value.residualsFitted.smooth.y);
    expect(zero.data.map((d) => d.y)).toEqual([0, 0]);
    expect(config.options.scales.x.title.text).toBe('Fitted values');
    expect(config.options.scales.y.title.text).toBe('Residuals');
  });

  it('draws the QQ line from the engine’s slope and intercept', () => {
    const config = diagnosticsFigure(value, 'm3').panels[1].config() as unknown as { data: { datasets: { data: { x: number; y: number }[] }[] } };
    const line = config.data.datasets[1].data;
    for (const p of line) expect(p.y).toBeCloseTo(value.qq.intercept + value.qq.slope * p.x, 12);
    expect(line[0].x).toBe(Math.min(...value.qq.points.x));
  });

  it('outlines the histogram bar by bar on the engine’s breaks', () => {
    expect(histogramOutline([0, 1, 2], [3, 5])).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 3 },
      { x: 1, y: 3 },
      { x: 1, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 5 },
      { x: 2, y: 5 },
      { x: 2, y: 0 },
    ]);
    const config = diagnosticsFigure(value, 'm3').panels[3].config() as unknown as { options: { scales: { x: { min: number; max: number } } } };
    expect(config.options.scales.x.min).toBe(value.histogram.breaks[0]);
    expect(config.options.scales.x.max).toBe(value.histogram.breaks.at(-1));
  });

  it('the tooltip says the row, the group, the fitted value and the residual', () => {
    const d = panelPoints(value, value.residualsFitted.points)[0];
    expect(describeDiagPoint(value, d)).toEqual(['row 1', 'school 1', `fitted: ${d.fitted.toPrecision(4)}`, `residual: ${d.resid.toPrecision(4)}`]);
  });

  it('says in the caption when the points were thinned', () => {
    expect(diagnosticsCaption({ ...value, thinned: true, nobs: 1_000_000 }, 'big')).toContain('at most 20,000 points');
  });
});
