import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExpression } from '@shared/expr/parse';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { applyRecipes } from '../../../../src-main/engine/recipes/apply-recipes';
import { evaluate } from '../../../../src-main/engine/recipes/evaluate';
import { parseRecipeText } from '../../../../src-main/engine/recipes/parse-recipe';
import { factor, frameOf, numeric } from './helpers';

async function sample(file: string, factors: string[]): Promise<DataFrame> {
  const bytes = readFileSync(resolve(__dirname, '../../../../resources/sample-data', file));
  const r = await readDataFile(bytes, { fileName: file, factors }, silentContext);
  return { rows: r.rows, columns: r.columns };
}

const col = (frame: DataFrame, name: string): Column => frame.columns.find((c) => c.name === name)!;
const values = (c: Column): Float64Array => (c as { values: Float64Array }).values;
const total = (v: Float64Array) => v.reduce((s, x) => s + x, 0);

describe('the course notes\' recipes on the sample data give R\'s numbers', () => {
  let jsp: DataFrame;
  let exam: DataFrame;
  beforeAll(async () => {
    jsp = await sample('jsp.txt', ['school']);
    exam = await sample('exam.csv', ['school']);
  });

  it('jsp: fail = ifelse(math < -10, 1, 0) marks 15 pupils (R: sum(ifelse(d$math < -10, 1, 0)) is 15)', () => {
    const out = applyRecipes(jsp, [parseRecipeText('fail = ifelse(math < -10, 1, 0)')]);
    expect(jsp.rows).toBe(1154);
    expect(out.frame.rows).toBe(1154);
    const fail = col(out.frame, 'fail');
    expect(fail.kind).toBe('numeric');
    expect(total(values(fail))).toBe(15);
    expect(out.frame.columns.map((c) => c.name)).toEqual([...jsp.columns.map((c) => c.name), 'fail']);
    expect(Array.from(out.keptRows.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(out.warnings).toEqual([]);
  });

  it('jsp: school != 48 keeps 1127 rows; cut(raven, 4) and scale(raven) as R', () => {
    expect(applyRecipes(jsp, [parseRecipeText('school != 48')]).frame.rows).toBe(1127); // R: sum(d$school != 48)
    expect(applyRecipes(jsp, [parseRecipeText('school %in% 1:10')]).frame.rows).toBe(238); // R: sum(d$school %in% 1:10)
    const out = applyRecipes(jsp, [parseRecipeText('band = cut(raven, 4)'), parseRecipeText('z = scale(raven)')]);
    const band = col(out.frame, 'band');
    if (band.kind !== 'factor') throw new Error('band is not a factor');
    // R: table(cut(d$raven, 4))
    expect(band.levels).toEqual(['(-17.4,-9.36]', '(-9.36,-1.36]', '(-1.36,6.64]', '(6.64,14.7]']);
    const counts = [0, 0, 0, 0];
    band.codes.forEach((k) => counts[k]++);
    expect(counts).toEqual([54, 366, 600, 134]);
    // R: sprintf("%.17g", scale(d$raven)[1:3])
    const z = values(col(out.frame, 'z'));
    [0.32468397128023918, -1.4585882263488268, -0.071598739303997724].forEach((r, i) => expect(z[i]).toBeCloseTo(r, 14));
  });

  it('Exam: fail = ifelse(normexam < -2, 1, 0) gives 86; school != 48 keeps 4,059 - 2 rows (R)', () => {
    const fails = applyRecipes(exam, [parseRecipeText('fail = ifelse(normexam < -2, 1, 0)')]);
    expect(total(values(col(fails.frame, 'fail')))).toBe(86); // R: sum(ifelse(Exam$normexam < -2, 1, 0))
    const school = col(exam, 'school');
    if (school.kind !== 'factor') throw new Error('school is not a factor');
    for (const text of ['school != 48', "school != '48'"]) {
      const out = applyRecipes(exam, [parseRecipeText(text)]);
      // R: sum(Exam$school == 48) is 2; nrow(subset(Exam, school != 48)) is 4057
      expect(out.frame.rows).toBe(4057);
      expect(out.keptRows.length).toBe(4057);
      expect(Array.from(out.keptRows).some((r) => school.levels[school.codes[r]] === '48')).toBe(false);
      const kept = col(out.frame, 'school') as typeof school;
      expect(kept.levels).toEqual(school.levels); // subset() keeps the level set
      expect(Array.from(kept.codes.subarray(0, 5))).toEqual(Array.from(out.keptRows.subarray(0, 5), (r) => school.codes[r]));
    }
    expect(applyRecipes(exam, [parseRecipeText('normexam < -2 & sex == "F"')]).frame.rows).toBe(29);
    expect(applyRecipes(exam, [parseRecipeText('vr %in% c("top 25%", "mid 50%")')]).frame.rows).toBe(3419);
  });

  it('Exam: log(normexam + 4) sums to R\'s 5484.8974122460932 and round(standLRT, 1) matches', () => {
    const out = applyRecipes(exam, [parseRecipeText('l = log(normexam + 4)'), parseRecipeText('r = round(standLRT, 1)')]);
    expect(total(values(col(out.frame, 'l')))).toBeCloseTo(5484.8974122460932, 9);
    expect(Array.from(values(col(out.frame, 'r')).subarray(0, 5))).toEqual([0.6, 0.2, -1.4, 0.2, 0.4]);
  });
});

describe('applyRecipes applies recipes in order without touching the imported data', () => {
  const base = () => frameOf(numeric('x', [1, 2, NaN, 4, 5]), factor('g', ['a', 'b', 'a', 'b', 'a'], ['a', 'b']));

  it('a filter keeps TRUE rows only (NA drops the row, as subset()); later recipes see the kept rows', () => {
    const frame = base();
    const before = Array.from(values(frame.columns[0]));
    const out = applyRecipes(frame, [
      parseRecipeText('x != 2'),
      parseRecipeText('z = x - mean(x)'),
      parseRecipeText('g == "a"'),
    ]);
    expect(out.frame.rows).toBe(2);
    expect(Array.from(out.keptRows)).toEqual([0, 4]);
    // mean over the rows kept by the first filter (1, 4, 5): 10/3
    expect(Array.from(values(col(out.frame, 'z')))).toEqual([1 - 10 / 3, 5 - 10 / 3]);
    expect(Array.from(values(frame.columns[0]))).toEqual(before);
    expect(frame.rows).toBe(5);
    expect(frame.columns).toHaveLength(2);
  });

  it('a computed variable replaces an earlier computed one in place, and copies rather than shares imported arrays', () => {
    const frame = base();
    const out = applyRecipes(frame, [parseRecipeText('y = x * 2'), parseRecipeText('w = 1'), parseRecipeText('y = x')]);
    expect(out.frame.columns.map((c) => c.name)).toEqual(['x', 'g', 'y', 'w']);
    const y = values(col(out.frame, 'y'));
    expect(Array.from(y)).toEqual(Array.from(values(frame.columns[0])));
    expect(y).not.toBe(values(frame.columns[0]));
    expect(Array.from(values(col(out.frame, 'w')))).toEqual([1, 1, 1, 1, 1]);
    const h = col(applyRecipes(frame, [parseRecipeText('h = g')]).frame, 'h');
    expect(h.kind === 'factor' && h.codes !== (frame.columns[1] as { codes: Int32Array }).codes).toBe(true);
  });

  it('passes on R\'s warnings with the recipe that caused them', () => {
    const out = applyRecipes(base(), [parseRecipeText('l = log(x - 3)'), parseRecipeText('x > 100')]);
    expect(out.warnings).toEqual([
      'Recipe 1 (l = log(x - 3)): log(x - 3) gave NaN for 2 values outside its domain (R warns "NaNs produced").',
      'Recipe 2 (x > 100): no row meets the condition, so no rows are left.',
    ]);
    expect(out.frame.rows).toBe(0);
  });
});

describe('evaluate() returns a column named as R deparses the expression', () => {
  it('names, broadcasts single values, and turns text into a factor with sorted levels', () => {
    const frame = frameOf(numeric('math', [-12, 3]));
    const c = evaluate(parseExpression('ifelse(math<(-10),"fail","pass")'), frame);
    expect(c.name).toBe('ifelse(math < (-10), "fail", "pass")');
    expect(c.kind === 'factor' && c.levels).toEqual(['fail', 'pass']);
    const k = evaluate(parseExpression('mean(math)'), frame);
    expect(k.kind === 'numeric' && Array.from(k.values)).toEqual([-4.5, -4.5]);
  });
});
