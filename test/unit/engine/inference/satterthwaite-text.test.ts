import { describe, expect, it } from 'vitest';
import { formatDdfText } from '../../../../src-main/engine/inference/ddf-text';
import { asArray } from '../lmm/helpers';
import { inferenceCase, inferenceCaseIds, refAnova } from './satterthwaite-helpers';

/**
 * The printed tables from lmerTest's own numbers (the fixture's), so that only the
 * printing is tested: summary(m)'s "Fixed effects:" block and print(anova(m)).
 */
describe("lmerTest's printed t and F tables (summary(m)'s fixed effects, print(anova(m)))", () => {
  for (const id of inferenceCaseIds()) {
    it(`${id}: character for character`, () => {
      const c = inferenceCase(id);
      const { rows, untestable } = refAnova(c);
      const text = formatDdfText(
        {
          kind: 'ddf',
          method: 'satterthwaite',
          names: asArray(c.coef.names as unknown as number[]).map(String),
          estimate: asArray(c.coef.estimate),
          se: asArray(c.coef.se),
          df: asArray(c.coef.df),
          t: asArray(c.coef.t),
          p: asArray(c.coef.p),
          anova: rows,
        },
        { fancyQuotes: true, untestableTerms: untestable },
      );
      expect(text).toBe(c.text_fixef + '\n' + c.text_anova);
    });
  }

  it('names the method in the heading (Kenward-Roger shares the tables)', () => {
    const text = formatDdfText({ kind: 'ddf', method: 'kenward-roger', names: ['(Intercept)'], estimate: [1], se: [0.5], df: [10], t: [2], p: [0.0734], anova: [] });
    expect(text).toContain("Type III Analysis of Variance Table with Kenward-Roger's method\n");
  });
});
