import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import { dataPlot } from '../../../../src-main/engine/plots/data-plot';
import { MAX_POINTS, thinIndices } from '../../../../src-main/engine/plots/thinning';
import { readSimpleCsv } from '../../helpers/csv-columns';

/** The plot kinds' numbers on Exam against R (test/fixtures/plots/make-data-plot-fixtures.R). */
type Num = string[];
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/plots/data-plots.json', import.meta.url), 'utf8')) as {
  exam_ls: { level: string; n: number; intercept: Num | null; slope: Num | null }[];
  hist: Record<string, { breaks: Num; counts: number[] }>;
  density: Record<string, { bw: Num; x: Num; y: Num }>;
  sample: { seed: number; k: number; levels: string[] };
  cor: { vars: string[]; matrix: Num[] };
};

function examFrame() {
  const csv = readSimpleCsv('exam.csv');
  const columns = csv.columns.map((c): Column => {
    if (c.name !== 'school' || c.kind !== 'factor') return c;
    const levels = Array.from({ length: 65 }, (_, k) => String(k + 1));
    return { name: 'school', kind: 'factor', levels, codes: Int32Array.from(c.codes, (code) => levels.indexOf(c.levels[code])) };
  });
  return { rows: csv.rows, columns };
}
const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('scatter by group: xyplot(normexam ~ standLRT | school, type = c("p", "r"))', () => {
  it('every school’s least-squares line is lm()’s, to 1e-10', async () => {
    const v = await dataPlot('ds', examFrame(), { kind: 'scatter', y: 'normexam', x: 'standLRT', group: 'school', groups: { pick: 'all' }, layout: 'facets' }, silentContext);
    expect(v.panels.map((p) => p.level)).toEqual(fixture.exam_ls.map((r) => r.level));
    v.panels.forEach((p, k) => {
      const ref = fixture.exam_ls[k];
      expect(p.n).toBe(ref.n);
      close(p.line!.intercept, Number(ref.intercept![0]), 1e-10);
      close(p.line!.slope, Number(ref.slope![0]), 1e-10);
    });
    // Each point carries its 1-based row: school 1's first is row 1 of the data.
    expect(v.panels[0].points.row[0]).toBe(1);
    expect(v.panels[0].points.x[0]).toBe(0.6190592);
    expect(v.rows).toBe(4059);
  });

  it('a seeded random subset is the note’s set.seed(202201); sample(…, 10), in level order', async () => {
    const v = await dataPlot(
      'ds',
      examFrame(),
      { kind: 'scatter', y: 'normexam', x: 'standLRT', group: 'school', groups: { pick: 'random', k: 10, seed: 202201 }, layout: 'facets' },
      silentContext,
    );
    expect(v.groups.levels).toEqual([...fixture.sample.levels].sort((a, b) => Number(a) - Number(b)));
    expect(v.groups.of).toBe(65);
  });

  it('a group with one distinct x has no line (NA), and an unknown level is an error', async () => {
    const frame = {
      rows: 5,
      columns: [
        { name: 'y', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5]) },
        { name: 'x', kind: 'numeric', values: Float64Array.from([1, 1, 1, 2, 3]) },
        { name: 'g', kind: 'factor', levels: ['a', 'b'], codes: Int32Array.from([0, 0, 1, 1, 1]) },
      ] as Column[],
    };
    const v = await dataPlot('ds', frame, { kind: 'scatter', y: 'y', x: 'x', group: 'g', groups: { pick: 'all' }, layout: 'single' }, silentContext);
    expect(v.panels[0].line).toBeNull();
    expect(v.panels[1].line).toEqual({ intercept: 2, slope: 1 });
    await expect(dataPlot('ds', frame, { kind: 'scatter', y: 'y', x: 'x', group: 'g', groups: { pick: 'chosen', levels: ['c'] }, layout: 'single' }, silentContext)).rejects.toThrow('g has no level "c"');
  });
});

describe('lines by group', () => {
  it('joins each school’s points in x order, rows kept', async () => {
    const v = await dataPlot('ds', examFrame(), { kind: 'lines', y: 'normexam', x: 'standLRT', group: 'school', groups: { pick: 'chosen', levels: ['1', '2'] } }, silentContext);
    expect(v.series.map((s) => s.level)).toEqual(['1', '2']);
    const xs = v.series[0].points.x;
    expect(xs.every((x, i) => i === 0 || xs[i - 1] <= x)).toBe(true);
    expect(v.series[0].points.row).toHaveLength(73);
  });
});

describe('histogram and density', () => {
  it('normexam: hist() and density() as R, and by sex one density each', async () => {
    const v = await dataPlot('ds', examFrame(), { kind: 'histogram', x: 'normexam', by: 'sex' }, silentContext);
    expect(v.breaks).toEqual(fixture.hist.normexam.breaks.map(Number));
    expect(v.counts).toEqual(fixture.hist.normexam.counts);
    v.density.y.forEach((y, i) => close(y, Number(fixture.density.normexam.y[i]), 1e-10));
    expect(v.groups.map((g) => g.level)).toEqual(['F', 'M']);
    expect(v.groups.map((g) => g.n).reduce((a, b) => a + b)).toBe(4059);
  });
});

describe('pairs', () => {
  it('Pearson correlations as cor() gives them, densities per level on the diagonal', async () => {
    const v = await dataPlot('ds', examFrame(), { kind: 'pairs', variables: fixture.cor.vars, colour: 'sex' }, silentContext);
    fixture.cor.matrix.forEach((row, i) => row.forEach((r, j) => close(v.cor[i][j]!, Number(r), 1e-12)));
    expect(v.levels).toEqual(['F', 'M']);
    expect(v.densities).toHaveLength(3);
    expect(v.row).toHaveLength(4059);
    expect(v.values[0][0]).toBe(0.2613242);
  });
});

describe('thinning keeps a panel under 20,000 points', () => {
  it('a synthetic 100,000-point cloud: at most MAX_POINTS, every isolated point kept', () => {
    const n = 100_000;
    // A deterministic dense cloud plus 5 far-away points.
    const x = new Float64Array(n + 5);
    const y = new Float64Array(n + 5);
    for (let i = 0; i < n; i++) {
      x[i] = Math.sin(i * 12.9898) * 0.5;
      y[i] = Math.cos(i * 78.233) * 0.5;
    }
    for (let k = 0; k < 5; k++) {
      x[n + k] = 10 + k;
      y[n + k] = -10 - k;
    }
    const all = Array.from({ length: n + 5 }, (_, i) => i);
    const kept = thinIndices(all, x, y);
    expect(kept.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(kept.length).toBeGreaterThan(MAX_POINTS / 2);
    for (let k = 0; k < 5; k++) expect(kept).toContain(n + k);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });
});

describe('InstEval: 73,421 ratings thinned to at most 20,000 points a panel', () => {
  it('y against the lecturer id in one panel by department: thinned, every department kept, the LS lines from all rows', async () => {
    const csv = readSimpleCsv('insteval.csv');
    const columns = csv.columns.map((c): Column => (c.name === 'd' && c.kind === 'factor' ? { name: 'd', kind: 'numeric', values: Float64Array.from(c.codes, (k) => Number(c.levels[k])) } : c));
    const frame = { rows: csv.rows, columns };
    const v = await dataPlot('ds', frame, { kind: 'scatter', y: 'y', x: 'd', group: 'dept', groups: { pick: 'all' }, layout: 'single' }, silentContext);
    const drawn = v.panels.reduce((s, p) => s + p.points.row.length, 0);
    expect(v.rows).toBe(73421);
    expect(drawn).toBeLessThanOrEqual(MAX_POINTS);
    expect(drawn + v.panels.reduce((s, p) => s + p.thinned, 0)).toBe(73421);
    expect(v.panels.every((p) => p.points.row.length > 0)).toBe(true);
    // The lines use every row of a group, not only the drawn ones.
    expect(v.panels.reduce((s, p) => s + p.n, 0)).toBe(73421);
    // Facets: each panel under the limit on its own.
    const f = await dataPlot('ds', frame, { kind: 'scatter', y: 'y', x: 'd', group: 'dept', groups: { pick: 'all' }, layout: 'facets' }, silentContext);
    expect(Math.max(...f.panels.map((p) => p.points.row.length))).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('lines over 20,000 points ask for a subset of groups instead of cutting lines', async () => {
    const csv = readSimpleCsv('insteval.csv');
    const columns = csv.columns.map((c): Column => (c.name === 'd' && c.kind === 'factor' ? { name: 'd', kind: 'numeric', values: Float64Array.from(c.codes, (k) => Number(c.levels[k])) } : c));
    await expect(dataPlot('ds', { rows: csv.rows, columns }, { kind: 'lines', y: 'y', x: 'd', group: 'dept', groups: { pick: 'all' } }, silentContext)).rejects.toThrow(
      'Pick a random subset of dept',
    );
  });
});
