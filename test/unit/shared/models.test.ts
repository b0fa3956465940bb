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

  it('takes a glmer model with its family, link and nAGQ, and checks them', () => {
    expect(ModelSpec.parse({ kind: 'glmer', formula: 'fail ~ raven + (1 | school)', family: 'binomial' })).toEqual({
      kind: 'glmer',
      formula: 'fail ~ raven + (1 | school)',
      reml: true,
      family: 'binomial',
    });
    expect(ModelSpec.safeParse({ kind: 'glmer', formula: 'y ~ x + (1 | g)', family: 'poisson', link: 'log', nAGQ: 25 }).success).toBe(true);
    const issue = (value: unknown) => ModelSpec.safeParse(value).error?.issues[0];
    expect(issue({ kind: 'glmer', formula: 'y ~ x + (1 | g)' })).toMatchObject({ path: ['family'], message: expect.stringContaining('needs a family: binomial or poisson') });
    expect(issue({ kind: 'glmer', formula: 'y ~ x + (1 | g)', family: 'poisson', link: 'logit' })).toMatchObject({ path: ['link'], message: 'The poisson family takes the link log, not logit.' });
    expect(issue({ kind: 'glmer', formula: 'y ~ x + (1 | g)', family: 'binomial', nAGQ: 26 })?.path).toEqual(['nAGQ']);
    expect(issue({ kind: 'glmer', formula: 'y ~ x + (1 | g)', family: 'gaussian' })?.path).toEqual(['family']);
    expect(issue({ kind: 'lmer', formula: 'y ~ x + (1 | g)', family: 'binomial' })).toMatchObject({ message: expect.stringContaining('belong to generalized linear mixed models') });
  });
});
