import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '@shared/jobs';
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
