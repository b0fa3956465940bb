import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '@shared/jobs';
import type { PlotDataDone } from '@shared/data-plots';
import { silentContext } from '../../../../src-main/engine/context';
import { readDataFile } from '../../../../src-main/engine/import/read-data-file';
import { runTask } from '../../../../src-main/engine/tasks';

const samples = resolve(import.meta.dirname, '..', '..', '..', '..', 'resources', 'sample-data');
const io = { readFile: async (path: string) => new Uint8Array(readFileSync(path)) };

describe('the dataset.summary task', () => {
  it('summarises the data after its recipes, as models will see it', async () => {
    const bytes = new Uint8Array(readFileSync(join(samples, 'jsp.txt')));
    const jsp = await readDataFile(bytes, { fileName: 'jsp.txt', factors: ['school'] }, silentContext);
    const summary = (await runTask(
      {
        kind: 'dataset.summary',
        input: {
          datasetId: 'jsp',
          rows: jsp.rows,
          columns: jsp.columns,
          recipes: [
            { kind: 'compute', name: 'fail', expression: 'ifelse(math < -10, 1, 0)' },
            { kind: 'filter', expression: 'school != 48' },
          ],
        },
      },
      silentContext,
      io,
    )) as DatasetSummary;
    // R: d <- read.table("jsp.txt", header = TRUE); d$fail <- ifelse(d$math < -10, 1, 0); s <- subset(d, school != 48)
    expect(summary.rows).toBe(1127);
    const fail = summary.columns.find((c) => c.name === 'fail');
    expect(fail).toMatchObject({ kind: 'numeric', n: 1127, missing: 0 });
    expect(summary.columns.map((c) => c.name)).toEqual(['school', 'gender', 'social', 'raven', 'math', 'fail']);
  });
});

describe('the plot.data task', () => {
  it('draws box plots of a variable a recipe computes, by a factor of the imported data', async () => {
    const bytes = new Uint8Array(readFileSync(join(samples, 'exam.csv')));
    const exam = await readDataFile(bytes, { fileName: 'exam.csv', factors: ['school'], levels: { school: Array.from({ length: 65 }, (_, k) => String(k + 1)) } }, silentContext);
    const value = (await runTask(
      {
        kind: 'plot.data',
        input: {
          datasetId: 'exam',
          rows: exam.rows,
          columns: exam.columns,
          recipes: [{ kind: 'compute', name: 'twice', expression: 'normexam * 2' }],
          plot: { kind: 'box', y: 'twice', group: 'school', order: 'level' },
        },
      },
      silentContext,
      io,
    )) as Extract<PlotDataDone, { kind: 'box' }>;
    // R: boxplot(I(2 * normexam) ~ school, d, plot = FALSE)$stats[, 1] and $n[1]
    expect(value.boxes).toHaveLength(65);
    expect(value.boxes[0]).toMatchObject({ level: '1', n: 73, stats: [-3.673374, -0.395222, 0.9563884, 2.8790644, 4.8173844] });
  });
});
