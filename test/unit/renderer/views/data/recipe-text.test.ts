import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '@shared/expr/validate';
import { checkRecipeText, problemFromMain, readable } from '../../../../../src-renderer/views/data/recipe-text';

const exam: ColumnInfo[] = [
  { name: 'school', kind: 'factor', levels: ['1', '2', '48'] },
  { name: 'normexam', kind: 'numeric' },
  { name: 'standLRT', kind: 'numeric' },
];

describe('checkRecipeText', () => {
  it('says nothing about an empty field', () => {
    expect(checkRecipeText('   ', exam, [])).toEqual({ state: 'empty' });
  });

  it('reads name = expression as a computed variable and a condition as a filter', () => {
    expect(checkRecipeText('fail = ifelse(normexam < -2, 1, 0)', exam, [])).toEqual({
      state: 'ok',
      recipe: { kind: 'compute', name: 'fail', expression: 'ifelse(normexam < -2, 1, 0)' },
    });
    expect(checkRecipeText(' school != 48 ', exam, [])).toEqual({ state: 'ok', recipe: { kind: 'filter', expression: 'school != 48' } });
  });

  it('points at a misspelt variable in the typed text, without the "In the recipe" prefix', () => {
    const check = checkRecipeText('fail = ifelse(normexm < -2, 1, 0)', exam, []);
    expect(check).toEqual({ state: 'error', reason: 'there is no variable "normexm" (did you mean "normexam"?).', position: 15 });
  });

  it('points at a syntax error in the typed text', () => {
    const check = checkRecipeText('school != ', exam, []);
    expect(check.state).toBe('error');
    if (check.state !== 'error') return;
    expect(check.position).toBe(11);
    expect(check.reason).not.toMatch(/^In the/);
  });

  it('lets a recipe use variables computed by the recipes before it', () => {
    const earlier = [{ kind: 'compute' as const, name: 'fail', expression: 'ifelse(normexam < -2, 1, 0)' }];
    expect(checkRecipeText('fail == 1', exam, []).state).toBe('error');
    expect(checkRecipeText('fail == 1', exam, earlier)).toEqual({ state: 'ok', recipe: { kind: 'filter', expression: 'fail == 1' } });
  });

  it('refuses to replace an imported variable, pointing at its name', () => {
    const check = checkRecipeText('  normexam = normexam * 2', exam, []);
    expect(check).toMatchObject({ state: 'error', position: 3 });
    if (check.state === 'error') expect(check.reason).toContain('normexam is an imported variable');
  });
});

describe('problemFromMain', () => {
  it("moves main's position in the expression to its place in the typed text", () => {
    const recipe = { kind: 'compute' as const, name: 'fail', expression: 'ifelse(normexm < -2, 1, 0)' };
    const error = { code: 'bad-input' as const, message: 'there is no variable "normexm".', detail: { position: 8 } };
    expect(problemFromMain(error, 'fail =  ifelse(normexm < -2, 1, 0) ', recipe)).toEqual({ reason: 'there is no variable "normexm".', position: 16 });
  });

  it('keeps a message without a position as it is', () => {
    const recipe = { kind: 'filter' as const, expression: 'school != 48' };
    expect(problemFromMain({ code: 'bad-input', message: 'no such dataset.' }, 'school != 48', recipe)).toEqual({ reason: 'no such dataset.' });
  });
});

describe('readable', () => {
  it('drops the parser prefix even when the source holds quotes', () => {
    expect(readable('In the recipe "sex == "F" &", at character 12: nothing follows "&".')).toBe('nothing follows "&".');
  });
});
