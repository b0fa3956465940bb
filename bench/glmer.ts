/**
 * The glmer part of `npm run bench` (issue 8): binomial mixed models (logit, Laplace)
 * fitted by Nestor and by lme4 on the same CSV file, timing only the fit on both sides.
 * Nestor's side runs in this process (the cases are small enough that no memory goal
 * applies); lme4's in Rscript, timed inside R (bench/support/glmer-bench.R).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFormula } from '@shared/formula/parse-formula';
import { silentContext } from '../src-main/engine/context';
import { fitGlmer } from '../src-main/engine/glmm/fit-glmer';
import { readDataFile } from '../src-main/engine/import/read-data-file';
import { GLMER_CASES, type GlmerBenchCase } from './support/glmer-cases';
import { writeBinomialCsv, writeCrossedBinomialCsv, writeJspFailCsv } from './support/glmer-datasets';
import { runR, type RResult } from './support/r';
import { median } from './support/timing';

export interface GlmerBenchOptions {
  repo: string;
  r: boolean;
  /** Case ids; every case when empty. */
  only: readonly string[];
  runs?: number;
}

interface RGlmer {
  lme4: string;
  times: number[];
  deviance: number;
  fixef: number[];
  theta: number[];
  nobs: number;
  feval: number;
  notes: string[];
}

interface NestorGlmer {
  seconds: number[];
  coldSeconds: number;
  deviance: number;
  evaluations: { stage1: number; stage2: number; derivatives: number };
  notes: string[];
}

/** Warm-up fits before the timed runs of the quick cases (the app's engine process is long-lived, its JIT warm). */
const WARM_UP_FITS = 10;
/** −2 logLik agree when equal to a relative 5e-7 (6 significant digits). */
const AGREE = 5e-7;

function progress(message: string): void {
  process.stderr.write(message + '\n');
}

export async function benchGlmer(options: GlmerBenchOptions): Promise<void> {
  const unknown = options.only.filter((id) => !GLMER_CASES.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`no glmer bench case ${unknown.join(', ')}; the cases are ${GLMER_CASES.map((c) => c.id).join(', ')}`);
  const cases = options.only.length === 0 ? GLMER_CASES : GLMER_CASES.filter((c) => options.only.includes(c.id));
  const dir = mkdtempSync(join(tmpdir(), 'nestor-bench-glmer-'));
  const rows: string[][] = [];
  const notes: string[] = [];
  let rVersion = '';
  try {
    for (const c of cases) {
      const runs = options.runs ?? c.runs;
      const file = caseFile(c, dir, options.repo);
      progress(`Nestor: ${c.id} …`);
      let nestor: { ok: true; value: NestorGlmer } | { ok: false; reason: string };
      try {
        nestor = { ok: true, value: await nestorCase(c, file, runs) };
      } catch (error) {
        nestor = { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
      let r: RResult<RGlmer> = { ok: false, reason: 'not run (--no-r)' };
      if (options.r) {
        progress(`lme4: ${c.id} …`);
        r = runR<RGlmer>(readFileSync(join(options.repo, 'bench/support/glmer-bench.R'), 'utf8'), [file, c.formula, c.factors.join(','), String(runs)], 3600);
        if (r.ok) rVersion = `${r.version}, lme4 ${r.value.lme4}`;
      }
      rows.push(row(c, nestor, r));
      notes.push(caseNote(c, nestor, r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('Generalized mixed models (glmer, binomial, logit, Laplace): Nestor against lme4 on the same CSV files; data reading excluded on both sides.');
  console.log('agree: −2 logLik equal to a relative 5e-7 (6 significant digits); lower for Nestor is named, not failed.');
  console.log('');
  console.log(table(rows));
  console.log('');
  for (const n of notes) console.log(n);
  console.log('Nestor: readDataFile (not timed), then parseFormula → model frame → fitGlmer (both stages, derivative checks, summary numbers), timed with performance.now().');
  console.log(`lme4: ${rVersion || 'not run'}; read.csv and factor() (not timed), then glmer(family = binomial) with lme4's default glmerControl(), timed with system.time.`);
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; times are wall-clock seconds.`);
}

function caseFile(c: GlmerBenchCase, dir: string, repo: string): string {
  const d = c.data;
  if ('sample' in d) return join(repo, 'resources/sample-data', d.sample);
  const file = join(dir, `${c.id}.csv`);
  if ('jspFail' in d) writeJspFailCsv(file, join(repo, 'resources/sample-data/jsp.txt'));
  else if ('binomial' in d) writeBinomialCsv(file, d.binomial.rows, d.binomial.groups);
  else writeCrossedBinomialCsv(file, d.crossed.subjects, d.crossed.items);
  return file;
}

async function nestorCase(c: GlmerBenchCase, file: string, runs: number): Promise<NestorGlmer> {
  const imported = await readDataFile(readFileSync(file), { fileName: file, factors: c.factors }, silentContext);
  const frame = { rows: imported.rows, columns: imported.columns };
  const fit = () => fitGlmer(parseFormula(c.formula), frame, { family: 'binomial' });
  const t0 = performance.now();
  await fit();
  const coldSeconds = (performance.now() - t0) / 1000;
  if (runs > 3) for (let k = 1; k < WARM_UP_FITS; k++) await fit();
  const seconds: number[] = [];
  let last = null;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    last = await fit();
    seconds.push((performance.now() - t) / 1000);
  }
  if (!last) throw new Error('no timed run');
  return { seconds, coldSeconds, deviance: -2 * last.logLik, evaluations: last.optimizer.evaluations, notes: [...last.convergence.warnings, ...last.convergence.notes] };
}

function time(seconds: number[]): string {
  return seconds.length > 1 ? `${median(seconds).toFixed(3)} s (median of ${seconds.length})` : `${seconds[0].toFixed(3)} s (1 run)`;
}

function row(c: GlmerBenchCase, nestor: { ok: true; value: NestorGlmer } | { ok: false; reason: string }, r: RResult<RGlmer>): string[] {
  const n = nestor.ok ? nestor.value : null;
  const l = r.ok ? r.value : null;
  const ratio = n && l ? (median(n.seconds) / median(l.times)).toFixed(3) : '—';
  let agree = '—';
  if (n && l) {
    const rel = (n.deviance - l.deviance) / Math.abs(l.deviance);
    agree = Math.abs(rel) <= AGREE ? `yes (${Math.abs(rel).toExponential(0)})` : rel < 0 ? `Nestor lower by ${(l.deviance - n.deviance).toPrecision(3)}` : `NO: Nestor higher by ${(n.deviance - l.deviance).toPrecision(3)}`;
  }
  return [
    c.label,
    n ? time(n.seconds) : 'failed',
    l ? time(l.times) : r.ok ? '' : r.reason.startsWith('not run') || r.reason === 'R not installed' ? 'not run' : 'failed',
    ratio,
    n ? n.deviance.toPrecision(8) : '—',
    l ? l.deviance.toPrecision(8) : '—',
    agree,
  ];
}

function caseNote(c: GlmerBenchCase, nestor: { ok: true; value: NestorGlmer } | { ok: false; reason: string }, r: RResult<RGlmer>): string {
  const parts: string[] = [];
  if (nestor.ok) {
    const v = nestor.value;
    const total = v.evaluations.stage1 + v.evaluations.stage2 + v.evaluations.derivatives;
    parts.push(`Nestor's first fit (JIT cold) ${v.coldSeconds.toFixed(3)} s, ${v.evaluations.stage1} + ${v.evaluations.stage2} objective evaluations (stage 1 + 2) and ${v.evaluations.derivatives} for the derivative checks (${(total / median(v.seconds)).toFixed(0)} evaluations per second of fit time)`);
    if (v.notes.length) parts.push(`Nestor says: ${v.notes.join('; ')}`);
  } else parts.push(`Nestor failed: ${nestor.reason}`);
  if (r.ok) {
    parts.push(`lme4 ${r.value.feval} stage-2 evaluations`);
    if (r.value.notes.length) parts.push(`lme4 says: ${r.value.notes.join('; ')}`);
  } else if (!r.reason.startsWith('not run')) parts.push(`lme4: ${r.reason}`);
  return `${c.id}: ${parts.join('; ')}.`;
}

function table(rows: string[][]): string {
  const header = ['case', 'Nestor', 'lme4 (system.time in R)', 'Nestor/lme4', '−2 logLik Nestor', '−2 logLik lme4', 'agree'];
  for (const c of rows) c[0] = c[0].replaceAll('|', '\\|');
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((c) => c[j].length)));
  const line = (c: string[]) => '| ' + c.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, j) => (j === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}
