/**
 * The mixed-model part of `npm run bench` (issue 5, item 8): each case fitted by
 * Nestor and by lme4 on the same CSV file, REML, timing only the fit on both sides.
 *
 * Nestor's side runs in a fresh Node process per case (bench/support/lmer-nestor.ts),
 * which also measures its peak memory; lme4's side runs in Rscript and is timed inside
 * R with system.time (bench/support/lmer-bench.R). The synthetic sets are written by a
 * seeded generator to a temporary directory so that R reads exactly the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LMER_CASES, type LmerBenchCase } from './support/lmer-cases';
import { writeSyntheticLmerCsv } from './support/lmer-datasets';
import { nestorInChild, WARM_UP_FITS, type NestorOutcome } from './support/lmer-nestor';
import { runLme4, type RLmer } from './support/lmer-r';
import { formatLmerTable, type LmerRow, type LmerSide } from './support/lmer-table';
import type { RResult } from './support/r';
import { median } from './support/timing';

export interface LmerBenchOptions {
  /** The repository root (sample data, the R script). */
  repo: string;
  /** The bench entry script, started again with CHILD_FLAG for each Nestor case. */
  benchScript: string;
  /** Run lme4's side (false: Nestor only). */
  r: boolean;
  /** Case ids to run (see support/lmer-cases.ts); every case when empty. */
  only: readonly string[];
  /** Overrides the timed runs of every case. */
  runs?: number;
}

/** Generous limits: a stuck fit ends the case, not the bench. */
const NESTOR_TIMEOUT_SECONDS = 1800;
const R_TIMEOUT_SECONDS = 3600;

function progress(message: string): void {
  process.stderr.write(message + '\n');
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export async function benchLmer(options: LmerBenchOptions): Promise<void> {
  const unknown = options.only.filter((id) => !LMER_CASES.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`no lmer bench case ${unknown.join(', ')}; the cases are ${LMER_CASES.map((c) => c.id).join(', ')}`);
  const cases = options.only.length === 0 ? LMER_CASES : LMER_CASES.filter((c) => options.only.includes(c.id));
  const dir = mkdtempSync(join(tmpdir(), 'nestor-bench-lmer-'));
  const rows: LmerRow[] = [];
  const notes: string[] = [];
  let rVersion = '';
  try {
    for (const c of cases) {
      const runs = options.runs ?? c.runs;
      const file = caseFile(c, dir, options.repo);
      progress(`Nestor: ${c.id} (${runs === 1 ? 'one run' : `${WARM_UP_FITS} warm-up fits and ${runs} runs`}) …`);
      const nestor = nestorInChild(options.benchScript, { file, formula: c.formula, factors: c.factors, runs }, NESTOR_TIMEOUT_SECONDS);
      let r: RResult<RLmer> = { ok: false, reason: 'not run (--no-r)' };
      if (options.r) {
        progress(`lme4: ${c.id} …`);
        r = runLme4(options.repo, file, c.formula, c.factors, runs, R_TIMEOUT_SECONDS);
        if (r.ok) rVersion = `${r.version}, lme4 ${r.value.lme4}`;
      }
      rows.push({ id: c.id, case: c.label, goal: c.goal, nestor: nestorSide(nestor), lme4: lme4Side(r) });
      notes.push(caseNotes(c, nestor, r));
      if ('rows' in c.data) rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('Mixed models (lmer, REML): Nestor against lme4 on the same CSV files; data reading excluded on both sides.');
  console.log('Goals: Nestor/lme4 ≤ 0.5 on the small models (exam, sleepstudy), ≤ 0.2 on InstEval and the synthetic sets; Nestor peak memory at 1,000,000 rows < 1 GB.');
  console.log('agree: the REML criteria are equal to a relative 5e-7, i.e. to 6 significant digits (their relative difference in brackets).');
  console.log('');
  console.log(formatLmerTable(rows));
  console.log('');
  for (const line of notes) if (line) console.log(line);
  console.log('Nestor: readDataFile (not timed), then parseFormula → model frame → fit, timed with performance.now() in its own Node process.');
  console.log(`lme4: ${rVersion || 'not run'}; read.csv and factor() (not timed), then lmer(REML = TRUE) with lme4's default lmerControl(), timed with system.time.`);
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; times are wall-clock seconds.`);
}

/** The CSV file a case reads: a shipped sample file, or a seeded synthetic one written now. */
function caseFile(c: LmerBenchCase, dir: string, repo: string): string {
  if ('sample' in c.data) return join(repo, 'resources/sample-data', c.data.sample);
  const file = join(dir, `${c.id}.csv`);
  progress(`Writing ${c.data.rows.toLocaleString('en-US')} seeded rows × ${c.data.groups.toLocaleString('en-US')} groups to ${file} …`);
  const bytes = writeSyntheticLmerCsv(file, c.data.rows, c.data.groups);
  progress(`  ${megabytes(bytes)}`);
  return file;
}

function nestorSide(outcome: NestorOutcome): LmerSide {
  if (!outcome.ok) return { ok: false, cell: 'failed', reason: outcome.reason };
  const v = outcome.value;
  return { ok: true, seconds: median(v.seconds), runs: v.seconds.length, remlcrit: v.remlcrit };
}

function lme4Side(r: RResult<RLmer>): LmerSide {
  if (!r.ok) return { ok: false, cell: r.reason.startsWith('not run') || r.reason === 'R not installed' ? 'not run' : 'failed', reason: `lme4: ${r.reason}` };
  return { ok: true, seconds: median(r.value.times), runs: r.value.times.length, remlcrit: r.value.remlcrit };
}

/** One line per case: evaluations, warnings, and for the memory case its peak against the goal. */
function caseNotes(c: LmerBenchCase, nestor: NestorOutcome, r: RResult<RLmer>): string {
  const parts: string[] = [];
  if (nestor.ok) {
    const v = nestor.value;
    if (v.coldSeconds !== null) parts.push(`Nestor's first fit in a fresh process (JIT cold) ${v.coldSeconds.toFixed(3)} s`);
    parts.push(`Nestor import ${v.importSeconds.toFixed(3)} s${v.evaluations === null ? '' : `, ${v.evaluations} objective evaluations`}`);
    if (v.notes.length > 0) parts.push(`Nestor says: ${v.notes.join('; ')}`);
    const pm = v.plotModel;
    parts.push(
      `plot.model diagnostics (evaluation at the stored θ, smooths, QQ, histogram, boxes${pm.thinned ? ', thinning' : ''}) ${pm.seconds.toFixed(3)} s, at most ${pm.maxPanelPoints.toLocaleString('en-US')} points per panel`,
    );
  }
  if (r.ok) {
    parts.push(`lme4 ${r.value.feval} evaluations (${r.value.optimizer})`);
    if (r.value.notes.length > 0) parts.push(`lme4 says: ${r.value.notes.join('; ')}`);
  }
  let line = parts.length > 0 ? `${c.id}: ${parts.join('; ')}.` : '';
  if (c.memoryGoalBytes !== undefined) line += '\n' + memoryLine(c.memoryGoalBytes, nestor, r);
  return line;
}

function memoryLine(goal: number, nestor: NestorOutcome, r: RResult<RLmer>): string {
  const lme4 = r.ok && r.value.peak_bytes !== null ? `; lme4's R process peaked at ${megabytes(r.value.peak_bytes)} (VmHWM)` : '';
  if (!nestor.ok) return `Peak memory at 1,000,000 rows: Nestor not measured (the fit failed)${lme4}.`;
  const v = nestor.value;
  const { peakImportBytes: importPeak, peakEndBytes: endPeak } = v;
  if (importPeak === null || endPeak === null) return `Peak memory at 1,000,000 rows: Nestor not measured (no /proc on this system)${lme4}.`;
  const peak = Math.max(importPeak, endPeak);
  const verdict = peak < goal ? 'met' : 'NOT met';
  const split = v.separated ? ` (reading and import ${megabytes(importPeak)}, fit with the data resident ${megabytes(endPeak)})` : '';
  return `Peak memory at 1,000,000 rows: Nestor ${megabytes(peak)}${split}, goal < ${goal / 1e9} GB ${verdict}${lme4}. Method: ${v.memoryMethod}.`;
}
