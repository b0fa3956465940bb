/**
 * `npm run bench`: import and lm on seeded 1,000,000-row files, against R on the same
 * files in the same run (issue 4, item 8). Built by electron-vite as the main-process
 * entry `bench` (out/main/bench.js), so it measures the bundled engine code that the
 * app runs, not code under a test runner's module loader.
 *
 *   node out/main/bench.js [--rows N] [--runs N] [--no-r]
 *
 * The table goes to stdout; progress goes to stderr. `npm run bench` then runs the
 * vitest micro-benchmarks (bench/*.bench.ts), which need no R column.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { silentContext } from '../src-main/engine/context';
import type { ImportResult } from '../src-main/engine/import/read-data-file';
import { readDataFile } from '../src-main/engine/import/read-data-file';
import { LM_FORMULA, writeExamLikeCsv, writeLmCsv, writeNumbersCsv } from './support/datasets';
import { fitLmFormula } from './support/lm-formula';
import { runR, type RResult } from './support/r';
import { R_IMPORT_LM, type RImportLm } from './support/r-import-lm';
import { formatTable, type BenchRow } from './support/table';
import { median, timeRuns } from './support/timing';

/** Issue 4's goal for importing the 1,000,000 × 10 CSV. */
const IMPORT_GOAL_SECONDS = 3;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    'no-r': { type: 'boolean', default: false },
  },
});
const rows = positiveInteger(args.rows, '--rows');
const runs = positiveInteger(args.runs, '--runs');

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${flag} must be a positive whole number (got "${text}").`);
    process.exit(2);
  }
  return n;
}

function progress(message: string): void {
  process.stderr.write(message + '\n');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

const count = rows.toLocaleString('en-US');
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'nestor-bench-'));
try {
  const files = { lm: join(dir, 'lm.csv'), numbers: join(dir, 'numbers.csv'), exam: join(dir, 'exam-like.csv') };
  progress(`Writing the seeded files (${count} rows each) to ${dir} …`);
  const sizes = {
    lm: writeLmCsv(files.lm, rows),
    numbers: writeNumbersCsv(files.numbers, rows),
    exam: writeExamLikeCsv(files.exam, join(repo, 'resources/sample-data/exam.csv'), rows),
  };

  const importFile = (path: string, factors?: string[]) => () =>
    readDataFile(readFileSync(path), { fileName: path, factors }, silentContext);

  progress('Nestor: importing lm.csv …');
  const lmImport = await timeRuns(runs, importFile(files.lm));
  checkShape(lmImport.last, rows, 10);
  progress('Nestor: lm …');
  const lmFit = await nestorLm(lmImport.last);
  progress('Nestor: importing numbers.csv …');
  const numbersImport = await timeRuns(runs, importFile(files.numbers));
  checkShape(numbersImport.last, rows, 10);
  progress('Nestor: importing exam-like.csv …');
  const examImport = await timeRuns(runs, importFile(files.exam, ['school', 'student']));
  checkShape(examImport.last, rows, 10);

  let r: RResult<RImportLm> = { ok: false, reason: 'not run (--no-r)' };
  if (!args['no-r']) {
    progress('R: read.csv and lm on the same files (timed inside R) …');
    r = runR<RImportLm>(R_IMPORT_LM, [String(runs), files.lm, files.numbers, files.exam]);
  }
  const rTime = (key: 'read_lm' | 'lm' | 'read_numbers' | 'read_exam'): number | string => (r.ok ? median(r.value[key]) : r.reason);

  const table: BenchRow[] = [
    { case: `import lm.csv: ${count} × 10 (y, x1–x8, g with 20 levels), ${megabytes(sizes.lm)}`, nestor: median(lmImport.seconds), r: rTime('read_lm') },
    { case: `lm ${LM_FORMULA} (28 coefficients), with its summary`, nestor: lmFit.time, r: rTime('lm') },
    { case: `import numbers.csv: ${count} × 10 numeric, ${megabytes(sizes.numbers)}`, nestor: median(numbersImport.seconds), r: rTime('read_numbers') },
    { case: `import exam.csv rows repeated to ${count} (6 quoted text columns, 2 id factors), ${megabytes(sizes.exam)}`, nestor: median(examImport.seconds), r: rTime('read_exam') },
  ];

  console.log(formatTable(table, runs));
  console.log('');
  const importSeconds = median(lmImport.seconds);
  if (rows === 1_000_000) {
    const verdict = importSeconds <= IMPORT_GOAL_SECONDS ? 'met' : 'NOT met';
    console.log(`Import goal (≤ ${IMPORT_GOAL_SECONDS} s for the 1,000,000 × 10 CSV): ${verdict} (${importSeconds.toFixed(3)} s).`);
  }
  console.log(
    'Nestor: readDataFile on the file read from disk; lm = parseFormula, buildModelFrame, buildFixedDesign (model matrix and aliasing check), fitLm (QR and summary.lm statistics).',
  );
  console.log(`R: ${r.ok ? `${r.version}; read.csv(stringsAsFactors = TRUE), lm() then summary(), timed inside R with system.time` : r.reason}.`);
  if (r.ok) console.log(compareCoefficients(lmFit.names, lmFit.estimates, r.value));
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; times are wall-clock seconds.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function checkShape(result: ImportResult, expectedRows: number, expectedColumns: number): void {
  if (result.rows !== expectedRows || result.columns.length !== expectedColumns) {
    throw new Error(`import read ${result.rows} × ${result.columns.length}, expected ${expectedRows} × ${expectedColumns}`);
  }
}

interface NestorLm {
  time: number;
  names: string[];
  estimates: readonly number[];
}

async function nestorLm(imported: ImportResult): Promise<NestorLm> {
  const frame = { rows: imported.rows, columns: imported.columns };
  const timed = await timeRuns(runs, () => fitLmFormula(LM_FORMULA, frame));
  const coef = timed.last.coef;
  return { time: median(timed.seconds), names: coef.names, estimates: coef.estimate };
}

/** The largest relative difference between Nestor's and R's estimates, matched by name. */
function compareCoefficients(names: readonly string[], coefficients: readonly number[], r: RImportLm): string {
  let worst = 0;
  let worstName = '';
  for (let k = 0; k < r.coef_names.length; k++) {
    const j = names.indexOf(r.coef_names[k]);
    if (j < 0) return `lm: R has a coefficient "${r.coef_names[k]}" that Nestor's design does not.`;
    const diff = Math.abs(coefficients[j] - r.coef[k]) / Math.max(Math.abs(r.coef[k]), 1e-6);
    if (diff > worst) {
      worst = diff;
      worstName = r.coef_names[k];
    }
  }
  return `lm: estimates agree with R's to a relative difference of ${worst.toExponential(1)} at most (${worstName || 'all equal'}).`;
}
