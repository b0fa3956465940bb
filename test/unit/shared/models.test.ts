import { describe, expect, it } from 'vitest';
import { ModelSpec } from '@shared/models';

describe('ModelSpec', () => {
  it('takes nlme’s lmList formula, one grouping variable after the bar', () => {
    const spec = ModelSpec.parse({ kind: 'lmList', formula: 'normexam ~ standLRT | school', subset: 'school != 48' });
    expect(spec).toEqual({ kind: 'lmList', formula: 'normexam ~ standLRT | school', reml: true, subset: 'school != 48' });
  });

  it.each([
    ['normexam ~ standLRT', 'a formula for one fit per group ends in "| group"'],
    ['normexam ~ standLRT | school:sex', 'write a single variable name after "|"'],
    ['normexam ~ standLRT | school/class', 'give one grouping factor'],
    ['normexam ~ standLRT + (1 | school) | school', 'a random-effects term (1 | school) is not allowed here'],
  ])('refuses the lmList formula %s, saying where and why', (formula, why) => {
    const parsed = ModelSpec.safeParse({ kind: 'lmList', formula });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0];
    expect(issue.path).toEqual(['formula']);
    expect(issue.message).toContain(`In the formula "${formula}", at character`);
    expect(issue.message).toContain(why);
  });

  it('leaves lm and lmer formulas to the engine, as before', () => {
    expect(ModelSpec.safeParse({ kind: 'lmer', formula: 'normexam ~ standLRT | school' }).success).toBe(true);
  });
});
