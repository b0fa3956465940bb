import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import { boxStats, fivenum } from '../../../../src-main/engine/plots/box-stats';
import { dataPlot } from '../../../../src-main/engine/plots/data-plot';
import { readSimpleCsv } from '../../helpers/csv-columns';

/** R's boxplot(y ~ g, plot = FALSE), made by test/fixtures/tools/make-boxplot-fixtures.R. */
interface Reference {
  levels: string[];
  n: number[];
  stats: (number | null)[][];
  outliers: number[][];
  median_order: string[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/boxplot-stats.json', import.meta.url), 'utf8')) as {
  exam: Reference;
  small: Reference & { y: (number | null)[]; g: (string | null)[] };
};

function examFrame() {
  const csv = readSimpleCsv('exam.csv');
  // The Exam sample's school is a factor with levels 1..65 in number order, as the app imports it.
  const columns = csv.columns.map((c): Column => {
    if (c.name !== 'school' || c.kind !== 'factor') return c;
    const levels = Array.from({ length: 65 }, (_, k) => String(k + 1));
    return { name: 'school', kind: 'factor', levels, codes: Int32Array.from(c.codes, (code) => levels.indexOf(c.levels[code])) };
  });
  return { rows: csv.rows, columns };
}

describe('fivenum gives Tukey’s hinges as R does', () => {
  it('differs from quantile type 7 where R’s does', () => {
    // fivenum(1:6) = 1 2 3.5 5 6 (quantile type 7 would give 2.25 and 4.75)
    expect(fivenum([1, 2, 3, 4, 5, 6])).toEqual([1, 2, 3.5, 5, 6]);
    expect(fivenum([1, 2, 3, 4, 5, 6, 7])).toEqual([1, 2.5, 4, 5.5, 7]);
    expect(fivenum([4])).toEqual([4, 4, 4, 4, 4]);
  });
});

describe('boxStats matches R’s boxplot.stats', () => {
  it('small cases: ties, NA rows, outliers both sides, n = 1 and 2, an empty level', () => {
    const { y, g, levels } = fixture.small;
    const values = y.map((v) => (v === null ? NaN : v));
    const codes = g.map((l) => (l === null ? -1 : levels.indexOf(l)));
    const boxes = boxStats(values, codes, levels);
    expect(boxes.map((b) => b.level)).toEqual(levels);
    expect(boxes.map((b) => b.n)).toEqual(fixture.small.n);
    expect(boxes.map((b) => b.stats ?? [null, null, null, null, null])).toEqual(fixture.small.stats);
    expect(boxes.map((b) => b.outliers)).toEqual(fixture.small.outliers);
  });

  it('Exam, normexam by school: all 65 schools to the bit, n and outliers', async () => {
    const frame = examFrame();
    const value = await dataPlot('ds-1', frame, { kind: 'box', y: 'normexam', group: 'school', order: 'level' }, silentContext);
    expect(value.boxes.map((b) => b.level)).toEqual(fixture.exam.levels);
    expect(value.boxes.map((b) => b.n)).toEqual(fixture.exam.n);
    expect(value.boxes.map((b) => b.stats)).toEqual(fixture.exam.stats);
    expect(value.boxes.map((b) => b.outliers)).toEqual(fixture.exam.outliers);
    expect(value.rows).toBe(4059);
    expect(value.dropped).toBe(0);
  });

  it('order = median is R’s reorder(school, normexam, median)', async () => {
    const value = await dataPlot('ds-1', examFrame(), { kind: 'box', y: 'normexam', group: 'school', order: 'median' }, silentContext);
    expect(value.boxes.map((b) => b.level)).toEqual(fixture.exam.median_order);
  });
});

describe('dataPlot box: data as plotted and errors in plain words', () => {
  const num = (name: string, values: number[]): Column => ({ name, kind: 'numeric', values: Float64Array.from(values) });
  const frame = {
    rows: 6,
    columns: [
      num('score', [1, 2, NaN, 4, 5, 6]),
      num('class', [2, 10, 2, NaN, 10, 2]),
      num('ratio', [0.5, 1, 1, 1, 1, 1]),
      { name: 'sex', kind: 'factor', levels: ['F', 'M'], codes: Int32Array.from([0, 1, 0, 1, -1, 0]) } as Column,
    ],
  };
  const box = (y: string, group: string) => dataPlot('ds-1', frame, { kind: 'box', y, group, order: 'level' }, silentContext);

  it('drops rows with a missing y or group and counts them; whole-number ids sort as numbers', async () => {
    const value = await box('score', 'class');
    expect(value.boxes.map((b) => [b.level, b.n])).toEqual([
      ['2', 2],
      ['10', 2],
    ]);
    expect(value.rows).toBe(4);
    expect(value.dropped).toBe(2);
    expect((await box('score', 'sex')).dropped).toBe(2);
  });

  it('refuses a factor y, a fractional group and an unknown variable, saying which', async () => {
    await expect(box('sex', 'class')).rejects.toThrow(/sex is a factor/);
    await expect(box('score', 'ratio')).rejects.toThrow(/ratio has the value 0.5 \(row 1\); groups need a factor or whole-number ids/);
    await expect(box('score', 'school')).rejects.toThrow(/There is no variable "school" in this dataset; it has score, class, ratio, sex/);
    await expect(box('nothing', 'sex')).rejects.toBeInstanceOf(AppError);
  });
});
