import { describe, expect, it } from 'vitest';
import { applyRecipes } from '../../../../src-main/engine/recipes/apply-recipes';
import { badInput, factor, frameOf, numeric, run } from './helpers';

const frame = frameOf(
  numeric('math', [-12, 3, 8]),
  numeric('raven', [1, 2, 3]),
  factor('school', ['1', '2', '48']),
  factor('gender', ['boy', 'girl', 'girl']),
);

describe('evaluation errors name the expression, the character and the problem', () => {
  it.each([
    ['ifelse(mth < -10, 1, 0)', 8, 'there is no variable "mth" (did you mean "math"?)'],
    ['Math + 1', 1, 'there is no variable "Math" (did you mean "math"?)'],
    ['zzz > 1', 1, 'there is no variable "zzz"; the variables are math, raven, school, gender'],
    ['lg(math)', 1, 'there is no function lg() (did you mean "log"?'],
    ['raven + math(2)', 9, 'there is no function math() (math is a variable, not a function)'],
    ['ifelse(math < -10, 1)', 1, 'ifelse() needs the argument no: ifelse(test, yes, no)'],
    ['log(math, 2, 3)', 14, 'log() takes at most 2 arguments: log(x, base = exp(1))'],
    ['log(math, bas = 2)', 11, 'log() has no argument named "bas" (did you mean "base"?)'],
    ['mean(math, na.rm = TRUE, na.rm = FALSE)', 34, 'the argument na.rm of mean() is given twice'],
    ['school + 1', 1, 'school is a factor; arithmetic needs numbers. For the numbers its labels show, write as.numeric(as.character(school))'],
    ['raven * (school)', 9, 'school is a factor; arithmetic needs numbers'],
    ['log(gender)', 5, 'gender is a factor; log() needs numbers'],
    ['school < 10', 8, 'ordering comparisons are not meaningful for factors (school is a factor)'],
    ['math >= "a"', 6, '>= compares numbers, and "a" is text'],
    ['math > 0 && raven > 1', 10, '&& combines single TRUE/FALSE values; to combine conditions row by row, use &'],
    ['math - c(1, 2)', 8, 'c(1, 2) has 2 values but math has one value per row; combine them only with a single value'],
    ['math %in% c(raven)', 13, 'c() combines single values'],
    ['ifelse(TRUE, math, 0)', 8, 'the test of ifelse() is a single value'],
    ['ifelse(math > 0, school, 0)', 18, 'R\'s ifelse() would give its level positions'],
    ['cut(math, 1)', 11, 'breaks = 1 asks for fewer than 2 intervals'],
    ['cut(math, c(0, 1, 1))', 11, 'the breaks of cut() are not unique'],
    ['cut(math, c(0, 5, 10), labels = c("a"))', 33, 'cut() makes 2 intervals but 1 label is given'],
    ['school == gender', 8, 'school and gender are factors with different levels'],
    ['math ~ raven', 6, '~ makes a model formula'],
    ['math:raven', 5, '":" makes a sequence of numbers'],
    ['factor(math, levels = c(1, 1))', 23, 'the level "1" is given twice'],
  ])('%s', (source, position, message) => {
    const e = badInput(() => run(source, frame));
    expect(e.message).toContain(`In the expression "${source}", at character ${position}: `);
    expect(e.message).toContain(message);
    expect(e.position).toBe(position);
    expect(e.detail.source).toBe(source);
  });
});

describe('recipe errors name the recipe and point into it as written', () => {
  it('an unknown variable in a computed variable', () => {
    const e = badInput(() =>
      applyRecipes(frame, [
        { kind: 'filter', expression: 'raven > 0' },
        { kind: 'compute', name: 'fail', expression: 'ifelse(mth < -10, 1, 0)' },
      ]),
    );
    expect(e.message).toBe('Recipe 2 (fail = ifelse(mth < -10, 1, 0)), at character 15: there is no variable "mth" (did you mean "math"?).');
    expect(e.detail).toEqual({ recipe: 2, source: 'fail = ifelse(mth < -10, 1, 0)', position: 15 });
  });

  it('a syntax error', () => {
    const e = badInput(() => applyRecipes(frame, [{ kind: 'compute', name: 'z', expression: 'math +' }]));
    expect(e.message).toBe('Recipe 1 (z = math +), at character 11: it ends too early.');
  });

  it('replacing an imported column', () => {
    const e = badInput(() => applyRecipes(frame, [{ kind: 'compute', name: 'school', expression: '48' }]));
    expect(e.message).toContain('Recipe 1 (school = 48): "school" is an imported variable, and recipes never change imported data');
    expect(e.message).toContain('write a filter such as school == …');
  });

  it('a bad name', () => {
    expect(badInput(() => applyRecipes(frame, [{ kind: 'compute', name: 'a`b', expression: '1' }])).message).toContain('contains a backtick');
    expect(badInput(() => applyRecipes(frame, [{ kind: 'compute', name: '  ', expression: '1' }])).message).toContain('needs a name');
  });

  it('a filter that is not a condition, and factor arithmetic in a filter', () => {
    const e = badInput(() => applyRecipes(frame, [{ kind: 'filter', expression: 'ifelse(math < 0, 1, 0)' }]));
    expect(e.message).toContain('Recipe 1 (ifelse(math < 0, 1, 0)), at character 1: a filter must be a condition that is TRUE or FALSE for each row');
    const f = badInput(() => applyRecipes(frame, [{ kind: 'filter', expression: 'school - 1 > 0' }]));
    expect(f.position).toBe(1);
    expect(f.message).toContain('school is a factor');
  });

  it('a value of the wrong length', () => {
    const e = badInput(() => applyRecipes(frame, [{ kind: 'compute', name: 'k', expression: 'c(1, 2)' }]));
    expect(e.message).toContain('c(1, 2) gives 2 values, but the data have 3 rows');
  });
});
