import { describe, expect, it } from 'vitest';
import {
  addFixed,
  addInteraction,
  EMPTY_SPEC,
  groupParts,
  lme4Reading,
  quoteName,
  readFormula,
  removeFixed,
  setResponse,
  termVariables,
  toggleSlope,
  writeSpec,
  type BuilderSpec,
} from '../../../../../src-renderer/views/model/builder';

const base: BuilderSpec = { ...EMPTY_SPEC, response: 'normexam', fixed: ['standLRT'], random: [{ group: 'school', intercept: true, slopes: [], correlated: true }] };

function text(spec: BuilderSpec): string {
  const w = writeSpec(spec);
  if (!('text' in w) || w.text === null) throw new Error('no text');
  return w.text;
}

describe('builder edits', () => {
  it('writes m2 of the course: normexam ~ standLRT + (1 | school)', () => {
    expect(text(base)).toBe('normexam ~ standLRT + (1 | school)');
  });

  it('has no formula until there is a response', () => {
    expect(writeSpec({ ...EMPTY_SPEC, fixed: ['standLRT'] })).toEqual({ text: null, spec: { ...EMPTY_SPEC, fixed: ['standLRT'] } });
  });

  it('adds an interaction with the main effects it lacks, variables in the order R keeps them', () => {
    const spec = addInteraction(base, ['sex', 'standLRT']);
    expect(spec.fixed).toEqual(['standLRT', 'sex', 'standLRT:sex']);
    expect(text(spec)).toBe('normexam ~ standLRT + sex + standLRT:sex + (1 | school)');
  });

  it('reads the written spec back in R term order (by degree; variables by first appearance)', () => {
    const w = writeSpec({ ...base, fixed: ['standLRT:sex', 'sex', 'standLRT'] });
    expect('spec' in w && w.spec.fixed).toEqual(['sex', 'standLRT', 'standLRT:sex']);
  });

  it('takes a new response out of the predictors', () => {
    expect(setResponse({ ...base, fixed: ['standLRT', 'normexam', 'normexam:sex'] }, 'normexam').fixed).toEqual(['standLRT']);
  });

  it('does not add the response or a term twice, and removes terms by label', () => {
    expect(addFixed(base, ['normexam', 'standLRT', 'sex']).fixed).toEqual(['standLRT', 'sex']);
    expect(removeFixed(addFixed(base, ['sex']), ['standLRT']).fixed).toEqual(['sex']);
  });

  it('keeps slopes in the order of the fixed effects', () => {
    const spec = { ...base, fixed: ['standLRT', 'sex'] };
    const both = toggleSlope(toggleSlope(spec, 0, 'sex', true), 0, 'standLRT', true);
    expect(both.random[0].slopes).toEqual(['standLRT', 'sex']);
    expect(text(both)).toBe('normexam ~ standLRT + sex + (standLRT + sex | school)');
    expect(toggleSlope(both, 0, 'standLRT', false).random[0].slopes).toEqual(['sex']);
  });

  it('writes slopes only and uncorrelated terms as lme4 does', () => {
    const spec: BuilderSpec = { ...base, intercept: false, random: [{ group: 'school', intercept: false, slopes: ['standLRT'], correlated: false }] };
    expect(text(spec)).toBe('normexam ~ 0 + standLRT + (0 + standLRT || school)');
  });

  it('quotes names R would not read bare', () => {
    expect(quoteName('my var')).toBe('`my var`');
    expect(quoteName('standLRT')).toBe('standLRT');
    expect(termVariables('`a:b`:sex')).toEqual(['`a:b`', 'sex']);
  });
});

describe('grouping factors', () => {
  const vars = new Set(['school', 'class', 'my group']);
  const isVar = (n: string) => vars.has(n);
  it('splits a nesting of variables', () => {
    expect(groupParts('school', isVar)).toEqual(['school']);
    expect(groupParts('school/class', isVar)).toEqual(['school', 'class']);
    expect(groupParts('`my group`/class', isVar)).toEqual(['my group', 'class']);
  });
  it('leaves interactions, calls and unknown names to the formula', () => {
    expect(groupParts('school:class', isVar)).toBeNull();
    expect(groupParts('factor(school)', isVar)).toBeNull();
    expect(groupParts('schol', isVar)).toBeNull();
    expect(groupParts('school/', isVar)).toBeNull();
  });
  it('shows how lme4 expands || and /', () => {
    expect(lme4Reading({ group: 'school', intercept: true, slopes: ['standLRT'], correlated: false })).toBe('(1 | school) + (0 + standLRT | school)');
    expect(lme4Reading({ group: 'school/class', intercept: true, slopes: [], correlated: true })).toBe('(1 | class:school) + (1 | school)');
    expect(lme4Reading({ group: 'school', intercept: true, slopes: ['standLRT'], correlated: true })).toBe('(standLRT | school)');
  });
});

describe('readFormula', () => {
  it('gives the spec of a typed formula', () => {
    const r = readFormula('normexam ~ standLRT + (standLRT | school)');
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    expect(r.spec).toEqual({ response: 'normexam', fixed: ['standLRT'], intercept: true, random: [{ group: 'school', intercept: true, slopes: ['standLRT'], correlated: true }] });
  });
  it('gives the reason and the 1-based character of an error', () => {
    const r = readFormula('normexam ~ standLRT + (1 | schol');
    expect(r).toEqual({
      state: 'error',
      problem: {
        message: 'In the formula "normexam ~ standLRT + (1 | schol", at character 33: expected a closing parenthesis ")" but found the end.',
        reason: 'Expected a closing parenthesis ")" but found the end.',
        position: 33,
      },
    });
  });
  it('reads a one-sided formula but leaves the controls where they were', () => {
    const r = readFormula('~ standLRT');
    expect(r.state === 'ok' && r.spec).toBeNull();
    expect(r.state === 'ok' && r.specProblem).toContain('has no response');
  });
});
