import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import { dataPlot } from '../../../../src-main/engine/plots/data-plot';
import { sampleDataDir } from '../../helpers/csv-columns';

/** ggpairs(jsp, aes(col = gender), columns = c("social", "raven", "math")) against R (test/fixtures/plots/make-pairs-factor-fixtures.R). */
interface RBox { social: string; gender: string; n: number; stats: string[]; outliers: string[] }
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/pairs-factor.json', import.meta.url), 'utf8')) as {
  rows: number;
  social: string[];
  gender: string[];
  counts: number[][];
  math: RBox[][];
  raven: RBox[][];
};

/** jsp.txt as read.table(header = TRUE, stringsAsFactors = TRUE) reads it: text columns become factors with sorted levels. */
function jspFrame() {
  const lines = readFileSync(sampleDataDir + 'jsp.txt', 'utf8').trim().split(/\r?\n/);
  const header = lines[0].trim().split(/\s+/);
  const cells = lines.slice(1).map((l) => l.trim().split(/\s+/));
  const columns = header.map((name, j): Column => {
    const raw = cells.map((r) => r[j]);
    if (raw.every((t) => t === 'NA' || Number.isFinite(Number(t)))) return { name, kind: 'numeric', values: Float64Array.from(raw, (t) => (t === 'NA' ? NaN : Number(t))) };
    const levels = [...new Set(raw.filter((t) => t !== 'NA'))].sort();
    return { name, kind: 'factor', levels, codes: Int32Array.from(raw, (t) => (t === 'NA' ? -1 : levels.indexOf(t))) };
  });
  return { rows: cells.length, columns };
}

describe('pairs with a factor: the second note’s ggpairs of social, raven, math by gender', () => {
  it('bars count the rows per social level and gender; boxes are boxplot.stats of math and raven per social level and gender', async () => {
    const v = await dataPlot('ds', jspFrame(), { kind: 'pairs', variables: ['social', 'raven', 'math'], colour: 'gender' }, silentContext);
    expect(v.rows).toBe(fixture.rows);
    expect(v.levels).toEqual(fixture.gender);
    expect(v.factorLevels).toEqual([fixture.social, null, null]);
    expect(v.bars).toEqual([fixture.counts, null, null]);
    expect(v.ranges[0]).toEqual([0, fixture.social.length - 1]);
    expect(v.cor[0][2]).toBeNull();
    expect(v.cor[1][2]).not.toBeNull();
    expect(v.densities[0].every((d) => d === null)).toBe(true);
    for (const [numeric, name] of [[1, 'raven'], [2, 'math']] as const) {
      const cell = v.boxes!.find((b) => b.factor === 0 && b.numeric === numeric)!;
      fixture[name].forEach((perGender, s) =>
        perGender.forEach((ref, k) => {
          const box = cell.boxes[s][k];
          expect(box.level).toBe(ref.gender);
          expect(box.n).toBe(ref.n);
          expect(box.stats).toEqual(ref.stats.map(Number));
          expect(box.outliers).toEqual(ref.outliers.map(Number));
        }),
      );
    }
    // Only the factor's own boxes: no factor × factor counts here.
    expect(v.boxes).toHaveLength(2);
    expect(v.crossCounts).toEqual([]);
  });

  it('factor × factor: rows per social level and gender for each colour level; the numeric-only value has no factor fields', async () => {
    const v = await dataPlot('ds', jspFrame(), { kind: 'pairs', variables: ['social', 'gender', 'math'], colour: null }, silentContext);
    const cross = v.crossCounts!.find((c) => c.a === 0 && c.b === 1)!;
    expect(cross.counts.map((bySocial) => bySocial.map((byGender) => byGender[0]))).toEqual(fixture.counts);
    const numeric = await dataPlot('ds', jspFrame(), { kind: 'pairs', variables: ['raven', 'math'], colour: 'gender' }, silentContext);
    expect(numeric.factorLevels).toBeUndefined();
    expect(numeric.boxes).toBeUndefined();
  });
});
