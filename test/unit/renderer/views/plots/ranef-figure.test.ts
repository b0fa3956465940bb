import { describe, expect, it } from 'vitest';
import type { RanefTerm, RanefValue } from '@shared/model-plots';
import fixture from '../../../../fixtures/plots/ranef.json';
import {
  byLevelConfig,
  describeShrinkage,
  histogramConfig,
  linesConfig,
  qqConfig,
  RANEF_WIDTH,
  ranefCaption,
  ranefFigure,
  shrinkageConfig,
  sizeRadii,
} from '../../../../../src-renderer/views/plots/ranef-figure';

/**
 * R's numbers (test/fixtures/plots/ranef.json, which the engine matches in
 * test/unit/engine/plots/ranef-plot.test.ts) in the shape of the plot.model job's answer.
 */
type Ref = (typeof fixture)['jsp_ri'];
const nums = (a: string[]) => a.map(Number);
function term(name: string, r: Ref['terms']['(Intercept)']): RanefTerm {
  return {
    name,
    modes: nums(r.modes),
    theoretical: nums(r.theoretical),
    slope: Number(r.slope),
    intercept: Number(r.intercept),
    histogram: { breaks: nums(r.breaks), counts: r.counts },
    density: { x: nums(r.density_x), y: nums(r.density_y), bw: Number(r.bw) },
  };
}
const lines: NonNullable<RanefValue['lines']> = {
  x: 'raven',
  predictors: ['raven'],
  groups: { subset: { pick: 'random', k: 2, seed: 202201 }, levels: ['3', '7'], of: 49 },
  straight: true,
  thinned: false,
  series: [
    { level: '3', x: [-5, 0, 4], y: [15, 20, 24], row: [40, 38, 41] },
    { level: '7', x: [-2, 1], y: [17, 20], row: [90, 91] },
  ],
};
const jsp = fixture.jsp_ri;
const jspValue: RanefValue = {
  kind: 'ranef',
  modelId: 'mdl-1',
  formula: jsp.formula,
  response: 'math',
  groupNames: ['school'],
  group: 'school',
  levels: jsp.levels,
  terms: [term('(Intercept)', jsp.terms['(Intercept)'])],
  shrinkage: {
    n: jsp.shrinkage.n,
    meanResidual: nums(jsp.shrinkage.mean_resid),
    blup: nums(jsp.shrinkage.blup),
    factor: nums(jsp.shrinkage.factor),
    tau2: Number(jsp.shrinkage.tau2),
    sigma2: Number(jsp.sigma) ** 2,
  },
  lines,
};
const m3 = fixture.exam_m3;
const m3Value: RanefValue = {
  ...jspValue,
  formula: m3.formula,
  response: 'normexam',
  levels: m3.levels,
  terms: [term('(Intercept)', m3.terms['(Intercept)']), term('standLRT', m3.terms.standLRT)],
  shrinkage: null,
  lines: { ...lines, x: 'standLRT', groups: { subset: { pick: 'all' }, levels: m3.levels, of: 65 } },
};
type Point = { x: number; y: number; lines?: string[]; row?: number };
const data = (config: { data: { datasets: { data: unknown[] }[] } }, k: number) => config.data.datasets[k].data as Point[];

describe('the random-effects gallery', () => {
  it('has a QQ plot, a histogram and a by-level plot per term, then the shrinkage and the fitted lines', () => {
    const fig = ranefFigure(jspValue, 'm1');
    expect(fig.panels.map((p) => p.key)).toEqual(['qq-0', 'hist-0', 'level-0', 'shrinkage', 'lines']);
    expect(fig.fileStem).toBe('m1-school-ranef');
    expect(fig.columns).toBe(3);
    expect(fig.panels.every((p) => p.width === RANEF_WIDTH)).toBe(true);
    expect(ranefFigure(m3Value, 'm3').panels.map((p) => p.key)).toEqual(['qq-0', 'hist-0', 'level-0', 'qq-1', 'hist-1', 'level-1', 'lines']);
    for (const p of fig.panels) expect(p.config().options).toMatchObject({ animation: false, responsive: false, devicePixelRatio: 2 });
  });

  it("draws qqnorm's points at R's quantiles and qqline across the panel", () => {
    const t = m3Value.terms[1];
    const config = qqConfig(m3Value, t);
    const pts = data(config, 0);
    expect(pts.map((p) => p.x)).toEqual(t.theoretical);
    expect(pts.map((p) => p.y)).toEqual(t.modes);
    expect(pts[0].lines).toEqual(['school 1', expect.stringMatching(/^standLRT: -?\d/), expect.stringMatching(/^normal quantile: /)]);
    const [a, b] = data(config, 1);
    expect(b.y - a.y).toBeCloseTo(t.slope * (b.x - a.x), 12);
  });

  it('puts the histogram on the density scale, so its area is 1 as the density curve’s', () => {
    const t = jspValue.terms[0];
    const config = histogramConfig(jspValue, t);
    const bars = data(config, 0);
    const width = t.histogram.breaks[1] - t.histogram.breaks[0];
    expect(bars.reduce((s, b) => s + b.y * width, 0)).toBeCloseTo(1, 12);
    expect(bars[2].lines).toEqual([expect.stringMatching(/^\(Intercept\) in \(/), '5 of 49 schools', expect.stringMatching(/^density: /)]);
    expect(data(config, 1)).toHaveLength(512);
    expect(config.plugins!.map((p) => p.id)).toContain('histogramBars');
  });

  it('places the modes at their level positions, with a zero line and level names as ticks', () => {
    const config = byLevelConfig(m3Value, m3Value.terms[0]);
    expect(data(config, 0).map((p) => p.x)).toEqual(m3Value.levels.map((_, a) => a + 1));
    expect(data(config, 1).map((p) => p.y)).toEqual([0, 0]);
    const ticks = (config.options!.scales!.x as { ticks: { callback: (v: number) => string } }).ticks;
    expect(ticks.callback(10)).toBe('10');
    expect(ticks.callback(66)).toBe('');
  });

  it('draws each BLUP against its mean raw residual, sized by n, the tooltip giving the shrinkage factor', () => {
    const s = jspValue.shrinkage!;
    const config = shrinkageConfig(jspValue);
    const pts = data(config, 0);
    expect(pts.map((p) => [p.x, p.y])).toEqual(s.blup.map((b, a) => [s.meanResidual[a], b]));
    // The derivation: BLUP = n τ²/(σ² + n τ²) × ē (R's numbers).
    s.blup.forEach((b, a) => expect(b).toBeCloseTo(s.factor[a] * s.meanResidual[a], 6));
    const radii = sizeRadii(s.n);
    expect(config.data.datasets[0]).toMatchObject({ pointRadius: radii });
    expect(Math.max(...radii)).toBeCloseTo(6, 12);
    const small = s.n.indexOf(Math.min(...s.n));
    expect(radii[small]).toBe(Math.min(...radii));
    expect(describeShrinkage(jspValue, 0)).toEqual([
      'school 1',
      `n = ${s.n[0]}`,
      expect.stringMatching(/^mean raw residual e: /),
      expect.stringMatching(/^BLUP: /),
      expect.stringMatching(/^shrinkage n τ²\/\(σ² \+ n τ²\): 0\.\d+/),
    ]);
    const identity = data(config, 1);
    expect(identity[0].x).toBe(identity[0].y);
  });

  it('joins each group’s fitted values in x order, every point carrying its row', () => {
    const config = linesConfig(jspValue);
    expect(config.data.datasets).toHaveLength(2);
    expect(data(config, 0).map((p) => p.row)).toEqual([40, 38, 41]);
    expect(data(config, 1)[0].lines).toEqual(['row 90', 'school 7', 'raven: -2', 'fitted: 17']);
    expect(config.data.datasets[0]).toMatchObject({ showLine: true, pointRadius: 1.6 });
  });

  it('says in the caption what R computes, the shrinkage formula and how the groups were drawn', () => {
    const c = ranefCaption(jspValue, 'm1');
    expect(c).toContain('ranef(m1)$school');
    expect(c).toContain('49 levels of school');
    expect(c).toContain('n τ̂²/(σ̂² + n τ̂²)');
    expect(c).toContain('set.seed(202201); sample(levels(school), 2)');
    expect(c).toContain('straight lines');
    const m3c = ranefCaption(m3Value, 'm3');
    expect(m3c).not.toContain('Shrinkage');
    expect(m3c).toContain('all 65 groups of school');
  });
});
