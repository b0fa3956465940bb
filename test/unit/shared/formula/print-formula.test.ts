import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { printExpression } from '@shared/expr/print';
import { parseFormula, parseGroupedFormula } from '@shared/formula/parse-formula';
import { formulaFromSpec, printFormula, specFromFormula, type ModelSpec } from '@shared/formula/print-formula';
import type { ParsedFormula } from '@shared/formula/types';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/lme4/', import.meta.url));

/** Every formula string in the reference fixtures (the fit's, lmList's, anova's). */
function fixtureFormulas(): { file: string; formula: string }[] {
  const out: { file: string; formula: string }[] = [];
  const walk = (file: string, v: unknown): void => {
    if (typeof v === 'string' && v.includes('~')) out.push({ file, formula: v });
    else if (Array.isArray(v)) v.forEach((x) => walk(file, x));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => walk(file, x));
  };
  for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith('.json'))) {
    walk(file, JSON.parse(readFileSync(fixtureDir + file, 'utf8')));
  }
  return out;
}

/** What a formula means, without positions: terms, intercept, offsets and random terms. */
function meaning(f: ParsedFormula) {
  return {
    response: f.response ? printExpression(f.response) : null,
    intercept: f.intercept,
    terms: f.terms.map((t) => t.label),
    offsets: f.offsets.map(printExpression),
    random: f.random.map((r) => ({ intercept: r.intercept, terms: r.terms.map((t) => t.label), group: r.groupLabel, correlated: r.correlated })),
  };
}

describe('formulas print as lme4 prints them', () => {
  const formulas = fixtureFormulas();

  it('finds the fixtures', () => {
    expect(formulas.length).toBeGreaterThanOrEqual(26);
  });

  it.each(formulas.filter((f) => !/~[^()]*\|/.test(f.formula)))('$file: $formula', ({ formula }) => {
    const parsed = parseFormula(formula);
    expect(printFormula(parsed)).toBe(formula);
    expect(meaning(parseFormula(printFormula(parsed)))).toEqual(meaning(parsed));
  });

  it.each(formulas.filter((f) => /~[^()]*\|/.test(f.formula)))('$file (lmList): $formula', ({ formula }) => {
    const g = parseGroupedFormula(formula);
    expect(`${g.formula.source} | ${g.groupLabel}`).toBe(formula);
  });

  // The course notes' calls as typed, and the "Formula:" line R printed for them.
  it.each([
    ['normexam ~ standLRT + (1|school)', 'normexam ~ standLRT + (1 | school)'],
    ['normexam ~ standLRT + (standLRT|school)', 'normexam ~ standLRT + (standLRT | school)'],
    ['normexam ~ standLRT + sex + (standLRT+sex|school)', 'normexam ~ standLRT + sex + (standLRT + sex | school)'],
    ['math ~ raven + gender + (1 | school)', 'math ~ raven + gender + (1 | school)'],
    ['math ~ raven + (1 + raven | school)', 'math ~ raven + (1 + raven | school)'],
    ['fail ~ raven + (1 | school)', 'fail ~ raven + (1 | school)'],
    ['cbind(incidence, size - incidence) ~ period + (1 | herd)', 'cbind(incidence, size - incidence) ~ period + (1 | herd)'],
    ['Reaction ~ Days + (Days || Subject)', 'Reaction ~ Days + (Days || Subject)'],
    ['y ~ x*f + (1|g1/g2) + offset(log(n))', 'y ~ x * f + (1 | g1/g2) + offset(log(n))'],
    ['y~I(x^2)+log(z)-1', 'y ~ I(x^2) + log(z) - 1'],
  ])('%s', (typed, printed) => {
    const parsed = parseFormula(typed);
    expect(printFormula(parsed)).toBe(printed);
    expect(parsed.source).toBe(printed);
    expect(parsed.text).toBe(typed);
  });
});

describe('the model-builder spec converts both ways', () => {
  it.each([
    'normexam ~ standLRT + sex + (standLRT + sex | school)',
    'math ~ raven + (1 + raven | school)',
    'cbind(incidence, size - incidence) ~ period + (1 | herd)',
    'Reaction ~ Days + (Days || Subject)',
    'normexam ~ standLRT * sex + (1 | school/sex)',
    'y ~ 0 + f + (0 + x | g) + offset(log(n))',
    'y ~ (1 | g)',
    'y ~ x + (x || g1:g2)',
  ])('%s keeps its meaning through a spec', (text) => {
    const parsed = parseFormula(text);
    const spec = specFromFormula(parsed);
    const again = formulaFromSpec(spec);
    expect(meaning(again)).toEqual(meaning(parsed));
    expect(specFromFormula(again)).toEqual(spec);
  });

  it('reads random terms as written, one per bar', () => {
    expect(specFromFormula(parseFormula('normexam ~ standLRT + sex + (standLRT + sex | school)'))).toEqual({
      response: 'normexam',
      fixed: ['standLRT', 'sex'],
      intercept: true,
      random: [{ group: 'school', intercept: true, slopes: ['standLRT', 'sex'], correlated: true }],
    });
    expect(specFromFormula(parseFormula('Reaction ~ Days + (Days || Subject) + (1 | a/b)')).random).toEqual([
      { group: 'Subject', intercept: true, slopes: ['Days'], correlated: false },
      { group: 'a/b', intercept: true, slopes: [], correlated: true },
    ]);
    expect(specFromFormula(parseFormula('y ~ offset(log(n)) + x')).offsets).toEqual(['log(n)']);
  });

  it('writes a spec as lme4 formula text', () => {
    const spec: ModelSpec = {
      response: 'normexam',
      fixed: ['standLRT', 'sex', 'standLRT:sex'],
      intercept: true,
      random: [
        { group: 'school', intercept: true, slopes: ['standLRT'], correlated: true },
        { group: 'intake', intercept: false, slopes: ['standLRT'], correlated: false },
        { group: 'vr', intercept: true, slopes: [], correlated: true },
      ],
    };
    const f = formulaFromSpec(spec);
    expect(printFormula(f)).toBe('normexam ~ standLRT + sex + standLRT:sex + (standLRT | school) + (0 + standLRT || intake) + (1 | vr)');
    expect(specFromFormula(f)).toEqual(spec);
    expect(printFormula(formulaFromSpec({ response: 'y', fixed: [], intercept: false, random: [] }))).toBe('y ~ 0');
    expect(printFormula(formulaFromSpec({ response: 'y', fixed: [], intercept: true, random: [] }))).toBe('y ~ 1');
  });

  it('refuses specs that are not a model', () => {
    expect(() => formulaFromSpec({ response: ' ', fixed: ['x'], intercept: true, random: [] })).toThrow(AppError);
    expect(() => formulaFromSpec({ response: 'y', fixed: ['x'], intercept: true, random: [{ group: 'g', intercept: false, slopes: [], correlated: true }] })).toThrow(
      /neither an intercept nor a slope/,
    );
    expect(() => specFromFormula(parseFormula('~ x'))).toThrow(/has no response/);
  });
});
