import { describe, expect, it } from 'vitest';
import type { BinnedValue } from '@shared/model-plots';
import type { ModelFitValue } from '@shared/models';
import { binnedCaption, binnedFigure, binPoints, describeBin } from '../../../../../src-renderer/views/plots/binned-figure';
import { caterpillarFigure } from '../../../../../src-renderer/views/plots/caterpillar';
import { plotKindsOf } from '../../../../../src-renderer/views/plots/plot-kinds';
import extras from '../../../../fixtures/glmm/jsp_fail_extras.json';
import jsp from '../../../../fixtures/lme4/jsp_glmer_fail.json';

/** arm's bins of the JSP fail model (test/fixtures/tools/make-glmer-extras-fixtures.R), as the engine sends them. */
const b = extras.binned;
const value: BinnedValue = {
  kind: 'binned',
  modelId: 'mdl-1',
  formula: 'fail ~ raven + (1 | school)',
  response: 'fail',
  family: 'binomial',
  link: 'logit',
  nobs: b.nobs,
  binsAsked: b.nclass,
  bins: { xbar: b.xbar, ybar: b.ybar, n: b.n, xLo: b.x_lo, xHi: b.x_hi, se2: b.se2 },
};

describe('binned residuals figure', () => {
  it('draws each bin at its mean fitted value and mean residual, with ±2 SE lines and a dashed 0', () => {
    const figure = binnedFigure(value, 'm1');
    expect(figure.fileStem).toBe('m1-binned');
    expect(figure.groups).toBe(33);
    expect(figure.panels).toHaveLength(1);
    const config = figure.panels[0].config();
    const sets = config.data.datasets as { data: { x: number; y: number }[] }[];
    expect(sets[0].data.map((p) => [p.x, p.y])).toEqual(b.xbar.map((x, k) => [x, b.ybar[k]]));
    expect(sets[1].data.map((p) => p.y)).toEqual(b.se2);
    expect(sets[2].data.map((p) => p.y)).toEqual(b.se2.map((s) => -s));
    expect(sets[3].data.map((p) => p.y)).toEqual([0, 0]);
    expect(config.options?.animation).toBe(false);
  });

  it('says what a bin holds, and how the bins were chosen', () => {
    const first = binPoints(value)[0];
    expect(describeBin(first)[0]).toBe(`bin 1: ${b.n[0]} rows`);
    expect(binnedCaption(value, 'm1')).toContain('1,154 observations in 33 bins of about equal size, ⌊√n⌋ as arm’s binnedplot chooses');
    expect(binnedCaption({ ...value, binsAsked: 40 }, 'm1')).toContain('(40 asked; ties in the fitted values merged some)');
    expect(binnedCaption({ ...value, nobs: 50 }, 'm1')).toContain('10 as arm’s binnedplot chooses for 11 to 99 rows');
    expect(binnedCaption({ ...value, binsAsked: 10 }, 'm1', true)).toContain('a number chosen by hand (arm’s default: ⌊√n⌋ for 100 rows or more)');
  });

  it('offers glmer fits the caterpillar and binned residuals', () => {
    expect(plotKindsOf('glmer').map((k) => k.id)).toEqual(['caterpillar', 'binned']);
    // R's JSON unboxes one effect per level; the engine stores a vector per level.
    const r = jsp.fit.ranef[0];
    const ranef = [{ group: r.group, levels: r.levels, names: [r.names], values: r.values.map((v) => [v]), condsd: r.condsd.map((v) => [v]) }];
    const glmer: ModelFitValue = { kind: 'glmer', formula: 'fail ~ raven + (1 | school)', text: '', fit: { ranef }, messages: [] };
    const figure = caterpillarFigure(glmer);
    if (!figure.ok) throw new Error(figure.message);
    expect(figure.figure.groups).toHaveLength(49);
    const top = figure.figure.panels[0].points[0];
    const k = r.levels.indexOf(top.group);
    expect(top.value).toBe(Math.max(...r.values));
    expect(top.upper! - top.value).toBeCloseTo(1.959963984540054 * r.condsd[k], 12);
  });
});
