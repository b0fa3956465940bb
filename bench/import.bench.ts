/**
 * Import speed on a seeded 1,000,000 × 10 numeric CSV (~80 MB) written to a temp dir,
 * and on exam.csv's rows repeated to 1,000,000 (quoted labels and ids, like R's
 * write.csv output). Goal: well under 3 s per read on the development machine.
 * Run: npx vitest bench --run bench/import.bench.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { silentContext } from '../src-main/engine/context';
import { readDataFile } from '../src-main/engine/import/read-data-file';

const ROWS = 1_000_000;
const COLUMNS = 10;

/** mulberry32: a small seeded generator so every run reads the same file. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Columns like real data: ids, counts, and scores with 4–7 decimals, some negative. */
function writeCsv(path: string): number {
  const random = generator(20240611);
  const parts: string[] = [Array.from({ length: COLUMNS }, (_, j) => `x${j + 1}`).join(',') + '\n'];
  let line = '';
  for (let i = 0; i < ROWS; i++) {
    line = String(1 + (i >> 6));
    line += ',' + String(Math.floor(random() * 1000));
    for (let j = 2; j < COLUMNS; j++) {
      const digits = 4 + (j % 4);
      line += ',' + ((random() - 0.5) * 20).toFixed(digits);
    }
    parts.push(line + '\n');
  }
  const text = parts.join('');
  writeFileSync(path, text);
  return text.length;
}

/** exam.csv's data lines repeated until there are ROWS of them. */
function writeExamLike(path: string): number {
  const exam = readFileSync(join(__dirname, '../resources/sample-data/exam.csv'), 'utf8').trimEnd().split('\n');
  const parts = [exam[0] + '\n'];
  for (let i = 0; i < ROWS; i++) parts.push(exam[1 + (i % (exam.length - 1))] + '\n');
  const text = parts.join('');
  writeFileSync(path, text);
  return text.length;
}

const dir = mkdtempSync(join(tmpdir(), 'nestor-import-bench-'));
const file = join(dir, 'numbers.csv');
const size = writeCsv(file);
const bytes = readFileSync(file);
const examFile = join(dir, 'exam-1m.csv');
const examSize = writeExamLike(examFile);
const examBytes = readFileSync(examFile);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`readDataFile: ${ROWS} rows × ${COLUMNS} numeric columns (${(size / 1e6).toFixed(0)} MB)`, () => {
  bench(
    'csv',
    async () => {
      const result = await readDataFile(bytes, { fileName: 'numbers.csv' }, silentContext);
      if (result.rows !== ROWS || result.columns.length !== COLUMNS) throw new Error('wrong shape');
    },
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
});

describe(`readDataFile: exam.csv rows repeated to ${ROWS} (${(examSize / 1e6).toFixed(0)} MB, 6 quoted text columns)`, () => {
  bench(
    'csv',
    async () => {
      const result = await readDataFile(examBytes, { fileName: 'exam-1m.csv', factors: ['school', 'student'] }, silentContext);
      if (result.rows !== ROWS || result.columns.length !== 10) throw new Error('wrong shape');
    },
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  );
});
