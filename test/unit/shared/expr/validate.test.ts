import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { FUNCTIONS } from '@shared/expr/functions';
import { parseRecipeText, recipeText, validateRecipe, validateRecipeText, type ColumnInfo } from '@shared/expr/validate';

const columns: ColumnInfo[] = [
  { name: 'math', kind: 'numeric' },
  { name: 'raven', kind: 'numeric' },
  { name: 'school', kind: 'factor', levels: ['1', '2', '48'] },
  { name: 'my var', kind: 'integer' },
];

function syntaxFailure(text: string): { message: string; position: number } {
  try {
    parseRecipeText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    return { message: e.message, position: (e.detail as { position: number }).position };
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseRecipeText tells a computed variable from a filter', () => {
  it.each([
    ['fail = ifelse(math < -10, 1, 0)', { kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' }],
    ['  fail=ifelse(math<-10,1,0)  ', { kind: 'compute', name: 'fail', expression: 'ifelse(math<-10,1,0)' }],
    ['fail <- math < -10', { kind: 'compute', name: 'fail', expression: 'math < -10' }],
    ['`low math` = math < 0', { kind: 'compute', name: 'low math', expression: 'math < 0' }],
    ['`if` = 1', { kind: 'compute', name: 'if', expression: '1' }],
    ['school != 48', { kind: 'filter', expression: 'school != 48' }],
    ['math == raven', { kind: 'filter', expression: 'math == raven' }],
    ['math < -10', { kind: 'filter', expression: 'math < -10' }],
    ['ifelse(math > 0, raven, 0) > 1', { kind: 'filter', expression: 'ifelse(math > 0, raven, 0) > 1' }],
    ['cut(math, breaks = 3) == "(0,1]"', { kind: 'filter', expression: 'cut(math, breaks = 3) == "(0,1]"' }],
  ])('%s', (text, recipe) => {
    expect(parseRecipeText(text)).toEqual(recipe);
  });

  it('rejects a bad left side, reserved words, an empty right side and syntax errors, with positions in the text', () => {
    expect(syntaxFailure('a + b = 3')).toEqual({
      message: 'In the recipe "a + b = 3", at character 7: a computed variable is written name = expression, with one variable name before "=" (to compare, write ==).',
      position: 7,
    });
    expect(syntaxFailure('TRUE = 1').message).toContain('TRUE is a reserved word in R');
    expect(syntaxFailure('fail = ').message).toContain('nothing follows "fail ="');
    expect(syntaxFailure('fail = ifelse(math <')).toEqual({
      message: 'In the recipe "fail = ifelse(math <", at character 21: it ends too early.',
      position: 21,
    });
    expect(syntaxFailure('math >')).toEqual({ message: 'In the recipe "math >", at character 7: it ends too early.', position: 7 });
  });

  it('writes a recipe back as text, backticking names R would not accept bare', () => {
    expect(recipeText({ kind: 'compute', name: 'low math', expression: 'math < 0' })).toBe('`low math` = math < 0');
    expect(recipeText({ kind: 'compute', name: 'fail', expression: '1' })).toBe('fail = 1');
    expect(recipeText({ kind: 'filter', expression: 'school != 48' })).toBe('school != 48');
  });
});

describe('validateRecipe checks names, functions, arguments and types without data', () => {
  it('accepts the course notes\' recipes', () => {
    expect(validateRecipe({ kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' }, columns)).toEqual({ ok: true });
    expect(validateRecipe({ kind: 'filter', expression: 'school != 48' }, columns)).toEqual({ ok: true });
    expect(validateRecipe({ kind: 'compute', name: 'z', expression: '(`my var` - mean(`my var`)) / sd(`my var`) + pi' }, columns)).toEqual({ ok: true });
  });

  it.each([
    [{ kind: 'compute', name: 'f', expression: 'ifelse(mth < -10, 1, 0)' }, 8, 'there is no variable "mth" (did you mean "math"?).'],
    [{ kind: 'compute', name: 'f', expression: 'sqrtt(math)' }, 1, 'there is no function sqrtt() (did you mean "sqrt"?)'],
    [{ kind: 'compute', name: 'f', expression: 'round(math, 1, 2)' }, 16, 'round() takes at most 2 arguments: round(x, digits = 0).'],
    [{ kind: 'compute', name: 'f', expression: 'school * 2' }, 1, 'school is a factor; arithmetic needs numbers.'],
    [{ kind: 'filter', expression: 'school > 10' }, 8, 'ordering comparisons are not meaningful for factors'],
    [{ kind: 'filter', expression: 'math' }, 1, 'a filter must be a condition that is TRUE or FALSE for each row, such as school != 48, but this gives numbers.'],
    [{ kind: 'filter', expression: 'math >' }, 7, 'In the filter "math >", at character 7: it ends too early.'],
    [{ kind: 'compute', name: 'f', expression: 'log' }, 1, 'log is a function; call it as log(x, base = exp(1)).'],
  ] as const)('%j', (recipe, position, message) => {
    const v = validateRecipe(recipe, columns);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toContain(message);
    expect(v.position).toBe(position);
  });

  it('validateRecipeText gives positions in the typed text', () => {
    expect(validateRecipeText('fail = ifelse(mth < -10, 1, 0)', columns)).toEqual({
      ok: false,
      message: 'there is no variable "mth" (did you mean "math"?).',
      position: 15,
    });
    expect(validateRecipeText('  school != 48', columns)).toEqual({ ok: true, recipe: { kind: 'filter', expression: 'school != 48' } });
    expect(validateRecipeText('  schol != 48', columns)).toMatchObject({ ok: false, position: 3 });
    expect(validateRecipeText('x = ', columns)).toMatchObject({ ok: false, position: 5 });
  });

  it('every function has a usage and its formals include what it requires', () => {
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      expect(spec.usage.startsWith(`${name}(`)).toBe(true);
      for (const r of spec.required) expect(spec.formals).toContain(r);
    }
  });
});
