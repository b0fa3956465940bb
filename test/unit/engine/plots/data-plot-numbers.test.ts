import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { density } from '../../../../src-main/engine/plots/density';
import { histCounts, pretty } from '../../../../src-main/engine/plots/hist-counts';
import { RRandom, rSample } from '../../../../src-main/engine/plots/r-sample';
import { readSimpleCsv, sampleDataDir } from '../../helpers/csv-columns';

/** R's numbers, made by test/fixtures/plots/make-data-plot-fixtures.R (sprintf %.17g strings). */
type Num = string[];
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/data-plots.json', import.meta.url), 'utf8')) as {
  hist: Record<string, { breaks: Num; counts: number[] }>;
  density: Record<string, { bw: Num; x: Num; y: Num }>;
  pretty: { lo: Num; hi: Num; n: number; breaks: Num }[];
  sample: { seed: number; k: number; levels: string[]; first_draws: Num };
};
const nums = (a: Num) => a.map(Number);

export function examNumbers(name: string): Float64Array {
  const column = readSimpleCsv('exam.csv').columns.find((c) => c.name === name);
  if (!column || column.kind !== 'numeric') throw new Error(name);
  return column.values;
}
export function jspMath(): Float64Array {
  const lines = readFileSync(sampleDataDir + 'jsp.txt', 'utf8').trim().split('\n').slice(1);
  return Float64Array.from(lines, (l) => Number(l.trim().split(/\s+/)[4]));
}

function expectClose(actual: readonly number[], expected: readonly number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `at ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))));
}

describe('pretty() as R computes it', () => {
  it.each(fixture.pretty.map((c) => [Number(c.lo[0]), Number(c.hi[0]), c.n, nums(c.breaks)] as const))('pretty(c(%s, %s), %i)', (lo, hi, n, breaks) => {
    expect(pretty(lo, hi, n)).toEqual(breaks);
  });
});

describe('hist(): Sturges breaks and counts', () => {
  const cases: [string, ArrayLike<number>][] = [
    ['normexam', examNumbers('normexam')],
    ['standLRT', examNumbers('standLRT')],
    ['jsp_math', jspMath()],
    ['small', [1, 2, 2, 3, 3, 3, 10]],
  ];
  it.each(cases)('%s', (name, x) => {
    const h = histCounts(x);
    expect(h.breaks).toEqual(nums(fixture.hist[name].breaks));
    expect(h.counts).toEqual(fixture.hist[name].counts);
  });
});

describe('density(): R’s binned FFT estimate', () => {
  const cases: [string, ArrayLike<number>][] = [
    ['normexam', examNumbers('normexam')],
    ['jsp_math', jspMath()],
    ['small', [1, 2, 2, 3, 3, 3, 10]],
  ];
  it.each(cases)('%s', (name, x) => {
    const d = density(x);
    const ref = fixture.density[name];
    expect(Math.abs(d.bw - Number(ref.bw[0]))).toBeLessThanOrEqual(1e-14);
    expectClose(d.x, nums(ref.x), 1e-12);
    expectClose(d.y, nums(ref.y), 1e-10);
  });
});

describe('set.seed + sample as R draws them', () => {
  it('runif after set.seed(202201)', () => {
    const rng = new RRandom(fixture.sample.seed);
    expectClose([rng.unif(), rng.unif(), rng.unif()], nums(fixture.sample.first_draws), 1e-15);
  });
  it('the note’s 10 schools', () => {
    const levels = Array.from({ length: 65 }, (_, i) => String(i + 1));
    expect(rSample(levels, fixture.sample.k, fixture.sample.seed)).toEqual(fixture.sample.levels);
  });
});
