import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { silentContext } from '../../../../src-main/engine/context';
import type { Column } from '../../../../src-main/engine/data/column';
import type { DataFrame } from '../../../../src-main/engine/data/frame';
import { readDataFile, type ReadOptions } from '../../../../src-main/engine/import/read-data-file';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Factor level orders as the reference fixtures (and R's packages) have them. */
function fixtureLevels(id: string): Record<string, string[]> {
  return JSON.parse(readFileSync(`${root}test/fixtures/lme4/${id}.json`, 'utf8')).levels;
}

async function sample(file: string, options: Partial<ReadOptions>): Promise<DataFrame> {
  const bytes = readFileSync(`${root}resources/sample-data/${file}`);
  const { rows, columns } = await readDataFile(bytes, { fileName: file, ...options }, silentContext);
  return { rows, columns };
}

export const loadExam = () => sample('exam.csv', { levels: fixtureLevels('exam_lm_sex') });
export const loadJsp = () => sample('jsp.txt', { levels: fixtureLevels('jsp_ri'), delimiter: 'whitespace' });
export const loadCbpp = () => sample('cbpp.csv', {});

export function withColumn(frame: DataFrame, column: Column): DataFrame {
  return { rows: frame.rows, columns: [...frame.columns.filter((c) => c.name !== column.name), column] };
}

export function numericColumn(frame: DataFrame, name: string): Float64Array {
  const c = frame.columns.find((col) => col.name === name);
  if (!c || c.kind === 'factor') throw new Error(`${name} is not a numeric column`);
  return c.values;
}
