import { describe, expect, it } from 'vitest';
import type { ModelFitValue } from '@shared/models';
import { caterpillarFigure, QNORM_975 } from '../../../../../src-renderer/views/plots/caterpillar';
import type { FigureResult, IntervalFigure } from '../../../../../src-renderer/views/plots/interval-figure';
import { lmListIntervalsFigure } from '../../../../../src-renderer/views/plots/lmlist-intervals';
import m3 from '../../../../fixtures/lme4/exam_m3_rs.json';
import no48 from '../../../../fixtures/lmlist/exam_standLRT_no48.json';

/** Exam m3 (normexam ~ standLRT + (standLRT | school)) stored as the engine stores an lmer fit: lme4's numbers under their names. */
const m3Fit: ModelFitValue = { kind: 'lmer', formula: m3.formula, text: '', fit: m3.fit as Record<string, unknown>, messages: [] };

/** The course's m1_lst (school 48 left out) stored as lmListFitJson writes it. */
const lmListFit: ModelFitValue = {
  kind: 'lmList',
  formula: no48.formula,
  text: no48.print,
  fit: { group: 'school', groups: no48.groups, names: no48.names, coef: no48.coef, lower: no48.lower, upper: no48.upper, level: 0.95 },
  messages: [],
};

function figureOf(result: FigureResult): IntervalFigure {
  if (!result.ok) throw new Error(result.message);
  return result.figure;
}

describe('caterpillar plot of an lmer fit (dotplot(ranef(m, condVar = TRUE)))', () => {
  const ranef = m3.fit.ranef[0];
  const figure = figureOf(caterpillarFigure(m3Fit));

  it('uses qnorm(0.975), not 1.96', () => {
    expect(QNORM_975).toBeCloseTo(1.959964, 6);
  });

  it('has a panel per term, 65 schools sorted by their intercept mode, the largest at the top', () => {
    expect(figure.groupTitle).toBe('school');
    expect(figure.panels.map((p) => p.title)).toEqual(['(Intercept)', 'standLRT']);
    expect(figure.groups).toHaveLength(65);
    const intercepts = figure.panels[0].points.map((p) => p.value);
    expect(intercepts).toEqual([...intercepts].sort((a, b) => b - a));
    expect(figure.panels.every((p) => p.points.map((q) => q.group).join() === figure.groups.join())).toBe(true);
    expect(figure.panels.every((p) => p.referenceLine === 0)).toBe(true);
  });

  it('draws each mode with mode ± 1.959964 × condsd', () => {
    for (const [j, panel] of figure.panels.entries()) {
      for (const point of panel.points) {
        const k = ranef.levels.indexOf(point.group);
        expect(point.value).toBe(ranef.values[k][j]);
        expect(point.lower).toBeCloseTo(ranef.values[k][j] - 1.959964 * ranef.condsd[k][j], 6);
        expect(point.upper).toBeCloseTo(ranef.values[k][j] + 1.959964 * ranef.condsd[k][j], 6);
      }
    }
    // School 1: intercept mode 0.3753838 with its lme4 conditional SD.
    const school1 = figure.panels[0].points.find((p) => p.group === '1')!;
    expect(school1.value).toBeCloseTo(0.375383818591274, 12);
    expect(school1.upper! - school1.value).toBeCloseTo(1.959964 * ranef.condsd[0][0], 6);
  });

  it('refuses a fit that is not lmer, and a fit without random effects, saying why', () => {
    expect(caterpillarFigure(lmListFit)).toEqual({ ok: false, message: 'a caterpillar plot needs a mixed model (lmer or glmer); this fit is lmList.' });
    const broken = caterpillarFigure({ ...m3Fit, fit: {} });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^the stored fit has no readable random effects \(ranef/);
  });
});

describe('intervals of an lmList fit (plot(intervals(m)))', () => {
  const figure = figureOf(lmListIntervalsFigure(lmListFit));

  it('has a panel per coefficient and the 64 schools in order, school 1 at the bottom', () => {
    expect(figure.panels.map((p) => p.title)).toEqual(['(Intercept)', 'standLRT']);
    expect(figure.groups).toHaveLength(64);
    expect(figure.groups.at(-1)).toBe('1');
    expect(figure.groups[0]).toBe('65');
    expect(figure.groups).not.toContain('48');
  });

  it('shows nlme’s estimates and limits: school 1’s intercept 0.3833 in [0.2105, 0.5561]', () => {
    const school1 = figure.panels[0].points.at(-1)!;
    expect(school1).toEqual({ group: '1', value: no48.coef[0][0], lower: no48.lower[0][0], upper: no48.upper[0][0] });
    expect(school1.value).toBeCloseTo(0.383334972, 9);
    expect(school1.lower).toBeCloseTo(0.2105348, 6);
    expect(school1.upper).toBeCloseTo(0.5561352, 6);
    const slope = figure.panels[1].points.at(-1)!;
    expect([slope.value, slope.lower, slope.upper]).toEqual([no48.coef[0][1], no48.lower[0][1], no48.upper[0][1]]);
  });

  it('leaves out a group whose coefficient is NA, as nlme does', () => {
    const coef = no48.coef.map((row, k) => (k === 1 ? [null, null] : row));
    const result = figureOf(lmListIntervalsFigure({ ...lmListFit, fit: { ...lmListFit.fit, coef } }));
    expect(result.panels[0].points).toHaveLength(63);
    expect(result.panels[0].points.map((p) => p.group)).not.toContain('2');
  });
});
