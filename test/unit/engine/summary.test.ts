import { describe, expect, it } from 'vitest';
import type { ColumnSummary } from '@shared/jobs';
import type { TaskContext } from '../../../src-main/engine/context';
import { cancelledError, silentContext } from '../../../src-main/engine/context';
import type { Column } from '../../../src-main/engine/data/column';
import { quantilesType7, summarizeColumns, summarizeDataset } from '../../../src-main/engine/summary';
import { readSimpleCsv, referenceStats } from '../helpers/csv-columns';

const numeric = (name: string, values: number[]): Column => ({ name, kind: 'numeric', values: Float64Array.from(values) });
const q7 = (values: number[]) => quantilesType7(Float64Array.from(values).sort(), [0, 0.25, 0.5, 0.75, 1]);

function recordingContext(cancelAfterCheckpoints = Infinity) {
  const progress: { fraction: number | null; message: string }[] = [];
  let checkpoints = 0;
  const ctx: TaskContext = {
    progress: (fraction, message = '') => void progress.push({ fraction, message }),
    checkpoint: () => (++checkpoints > cancelAfterCheckpoints ? Promise.reject(cancelledError()) : Promise.resolve()),
  };
  return { ctx, progress, checkpoints: () => checkpoints };
}

function byName(summaries: ColumnSummary[], name: string) {
  const found = summaries.find((s) => s.name === name);
  if (!found) throw new Error(`no summary for ${name}`);
  return found;
}

describe('quantilesType7 matches R quantile(type = 7)', () => {
  it('gives 1, 3.25, 5.5, 7.75, 10 for 1:10', () => {
    expect(q7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 3.25, 5.5, 7.75, 10]);
  });
  it('gives 1, 1.5, 2, 2.5, 3 for c(3, 1, 2) and 1, 1.25, 1.5, 1.75, 2 for c(2, 1)', () => {
    expect(q7([3, 1, 2])).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(q7([2, 1])).toEqual([1, 1.25, 1.5, 1.75, 2]);
  });
  it('gives the value itself for one value and exact ties for equal neighbours', () => {
    expect(q7([5])).toEqual([5, 5, 5, 5, 5]);
    expect(q7([0.1, 0.1, 0.1, 0.7])).toEqual([0.1, 0.1, 0.1, 0.25, 0.7]);
  });
});

describe('summarizeColumns on the Exam data', () => {
  const exam = readSimpleCsv('exam.csv');

  it('matches an independent textbook computation for every numeric column', async () => {
    const summaries = await summarizeColumns(exam.columns, silentContext);
    for (const column of exam.columns) {
      if (column.kind === 'factor') continue;
      const ref = referenceStats(column.values);
      const s = byName(summaries, column.name);
      if (s.kind === 'factor') throw new Error('expected a numeric summary');
      expect(s.n).toBe(ref.n);
      expect(s.missing).toBe(0);
      expect(s.mean).toBeCloseTo(ref.mean, 14);
      expect(s.sd).toBeCloseTo(ref.sd, 13);
      s.quantiles!.forEach((q, k) => expect(q).toBeCloseTo(ref.quantiles[k], 14));
    }
  });

  it('gives standLRT mean 0.0018104, sd 0.99322 and normexam mean -0.00011381, sd 0.99894 (as Python statistics.fmean/stdev give, exactly rounded)', async () => {
    const summaries = await summarizeColumns(exam.columns, silentContext);
    const standLRT = byName(summaries, 'standLRT');
    const normexam = byName(summaries, 'normexam');
    if (standLRT.kind === 'factor' || normexam.kind === 'factor') throw new Error('expected numeric summaries');
    expect(standLRT.n).toBe(4059);
    expect(standLRT.mean).toBeCloseTo(0.0018103538309928626, 15);
    expect(standLRT.sd).toBeCloseTo(0.9932241595394165, 12);
    expect(standLRT.quantiles).toEqual([-2.934953, -0.620713, 0.0404992, 0.6190592, 3.0159522]);
    expect(normexam.mean).toBeCloseTo(-0.00011380542005420931, 15);
    expect(normexam.sd).toBeCloseTo(0.9989439930656545, 12);
    expect(normexam.quantiles).toEqual([-3.666072, -0.699505, 0.0043222, 0.6787592, 3.6660912]);
  });

  it('counts factor levels in level order', async () => {
    const summary = await summarizeDataset({ datasetId: 'exam', rows: exam.rows, columns: exam.columns }, silentContext);
    expect(summary.rows).toBe(4059);
    expect(byName(summary.columns, 'sex')).toEqual({
      name: 'sex',
      kind: 'factor',
      n: 4059,
      missing: 0,
      levels: [
        { level: 'F', count: 2436 },
        { level: 'M', count: 1623 },
      ],
    });
    const vr = byName(summary.columns, 'vr');
    expect(vr.kind === 'factor' && vr.levels.map((l) => l.count)).toEqual([640, 2263, 1156]);
    const school = byName(summary.columns, 'school');
    expect(school.kind === 'factor' && school.levels.length).toBe(65);
  });

  it('reports progress per column, ending at 1, and checkpoints at least once per column', async () => {
    const rec = recordingContext();
    await summarizeColumns(exam.columns, rec.ctx);
    const fractions = rec.progress.map((p) => p.fraction);
    expect(fractions).toEqual([...exam.columns.map((_, j) => j / exam.columns.length), 1]);
    expect(rec.progress[0].message).toBe('Summarising school (1 of 10)');
    expect(rec.checkpoints()).toBeGreaterThanOrEqual(exam.columns.length);
  });

  it('stops with the cancelled error when a checkpoint rejects', async () => {
    const rec = recordingContext(3);
    await expect(summarizeColumns(exam.columns, rec.ctx)).rejects.toMatchObject({ code: 'cancelled' });
    expect(rec.progress.length).toBeLessThan(exam.columns.length);
  });
});

describe('summarizeColumns edge cases', () => {
  it('leaves out missing values and counts them', async () => {
    const [s] = await summarizeColumns([numeric('x', [1, NaN, 3, NaN, 2])], silentContext);
    expect(s).toEqual({ name: 'x', kind: 'numeric', n: 3, missing: 2, mean: 2, sd: 1, quantiles: [1, 1.5, 2, 2.5, 3] });
  });

  it('gives sd null for one value and everything null for no values', async () => {
    const [one, none] = await summarizeColumns([numeric('one', [4, NaN]), numeric('none', [NaN, NaN])], silentContext);
    expect(one).toMatchObject({ n: 1, missing: 1, mean: 4, sd: null, quantiles: [4, 4, 4, 4, 4] });
    expect(none).toMatchObject({ n: 0, missing: 2, mean: null, sd: null, quantiles: null });
  });

  it('is exact where a one-pass sum of squares loses everything (values near 1e9)', async () => {
    // Deviations −6, −3, 3, 6 from 1e9 + 10: variance 90 / 3 = 30 exactly.
    const [s] = await summarizeColumns([numeric('big', [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])], silentContext);
    expect(s).toMatchObject({ mean: 1e9 + 10, sd: Math.sqrt(30) });
  });

  it('reports null (not Infinity, which JSON cannot carry) when a value is infinite', async () => {
    const [s] = await summarizeColumns([numeric('inf', [1, Infinity, 2])], silentContext);
    expect(s).toMatchObject({ n: 3, missing: 0, mean: null, sd: null, quantiles: null });
  });

  it('keeps the kind of integer and logical columns', async () => {
    const logical: Column = { name: 'flag', kind: 'logical', values: Float64Array.from([1, 0, 1, 1]) };
    const [s] = await summarizeColumns([logical], silentContext);
    expect(s).toMatchObject({ kind: 'logical', n: 4, mean: 0.75, sd: 0.5 });
  });

  it('counts missing factor codes and rejects codes outside the levels', async () => {
    const f: Column = { name: 'g', kind: 'factor', codes: Int32Array.from([0, -1, 1, 1]), levels: ['a', 'b', 'c'] };
    const [s] = await summarizeColumns([f], silentContext);
    expect(s).toEqual({
      name: 'g',
      kind: 'factor',
      n: 3,
      missing: 1,
      levels: [
        { level: 'a', count: 1 },
        { level: 'b', count: 2 },
        { level: 'c', count: 0 },
      ],
    });
    const bad: Column = { name: 'g', kind: 'factor', codes: Int32Array.from([0, 3]), levels: ['a'] };
    await expect(summarizeColumns([bad], silentContext)).rejects.toMatchObject({
      code: 'internal',
      message: 'Column g, row 2: factor code 3 is outside its 1 levels.',
    });
  });

  it('checkpoints inside a long column (1 million rows)', async () => {
    const values = new Float64Array(1_000_000);
    for (let i = 0; i < values.length; i++) values[i] = i % 1000;
    const rec = recordingContext();
    const [s] = await summarizeColumns([numeric('long', Array.from(values))], rec.ctx);
    expect(s).toMatchObject({ n: 1_000_000, mean: 499.5, quantiles: [0, 249.75, 499.5, 749.25, 999] });
    expect(rec.checkpoints()).toBeGreaterThan(5);
  });
});
