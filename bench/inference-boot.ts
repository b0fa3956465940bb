/**
 * `node out/main/bench.js --only boot`: the parametric bootstrap of lmer fits
 * (issue 9), confint(fit, method = "boot", nsim = 1000) timed in Nestor on one and
 * on two worker threads, and in lme4 on the same file and seed in the same run when
 * Rscript is present. The goal is Nestor in at most a fifth of lme4's time.
 *
 * Nestor's side runs bootstrapLmm in this process (its worker threads start from
 * out/main/boot-worker.js, next to this bench); the fit before it is not timed.
 * lme4's side runs in Rscript and times confint(..., method = "boot") inside R with
 * system.time. lme4 1.1-31's refit() optimises a REML fit's refits with n − 1 where
 * n − p belongs (fixed in lme4 1.1-33; see test/fixtures/inference/boot/README.md);
 * the R script applies that fix first, so both sides compute the same intervals and
 * the "agree" column can compare them (the fix does not change lme4's speed).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseFormula } from '@shared/formula/parse-formula';
import type { BootIntervals } from '@shared/inference';
import { silentContext } from '../src-main/engine/context';
import { readDataFile } from '../src-main/engine/import/read-data-file';
import { bootstrapLmm } from '../src-main/engine/inference/bootstrap/bootstrap-lmm';
import { fitLmmModel } from '../src-main/engine/lmm/fit-lmer';
import { buildLmmModel } from '../src-main/engine/lmm/model';
import { runR, type RResult } from './support/r';

export interface BootBenchOptions {
  repo: string;
  r: boolean;
}

interface BootCase {
  id: string;
  label: string;
  file: string;
  formula: string;
  factors: string[];
}

const CASES: BootCase[] = [
  { id: 'jsp_ri_gender', label: 'jsp: math ~ raven + gender + (1 | school), 1,154 rows', file: 'jsp.txt', formula: 'math ~ raven + gender + (1 | school)', factors: ['school'] },
  {
    id: 'exam_m3_rs',
    label: 'Exam m3: normexam ~ standLRT + (standLRT | school), 4,059 rows',
    file: 'exam.csv',
    formula: 'normexam ~ standLRT + (standLRT | school)',
    factors: ['school'],
  },
];
const NSIM = 1000;
const SEED = 1000;
const GOAL = 0.2;

interface RBoot {
  lme4: string;
  seconds: number;
  names: string[];
  lower: number[];
  upper: number[];
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
file <- args[[1]]; form <- as.formula(args[[2]]); factors <- strsplit(args[[3]], ",", fixed = TRUE)[[1]]
nsim <- as.integer(args[[4]]); seed <- as.integer(args[[5]])
suppressPackageStartupMessages(library(lme4))
d <- if (grepl("\\.txt$", file)) read.table(file, header = TRUE, stringsAsFactors = TRUE) else read.csv(file, stringsAsFactors = TRUE)
for (v in factors) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
# lme4 1.1-33's fix of refit() for REML fits (commit 58b0f45), when this lme4 lacks it.
src <- deparse(lme4:::refit.merMod)
fixed <- sub("REML = isREML(object)", "REML = object@resp$REML", src, fixed = TRUE)
if (!identical(src, fixed)) {
  f <- eval(parse(text = fixed)); environment(f) <- asNamespace("lme4")
  assignInNamespace("refit.merMod", f, "lme4"); registerS3method("refit", "merMod", f, envir = asNamespace("lme4"))
}
fit <- lmer(form, data = d)
ci <- NULL
seconds <- system.time(ci <- suppressWarnings(suppressMessages(confint(fit, method = "boot", nsim = nsim, seed = seed, oldNames = FALSE))))[["elapsed"]]
num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")
cat(sprintf('{"lme4":"%s","seconds":%.17g,"names":[%s],"lower":%s,"upper":%s}\n', as.character(packageVersion("lme4")), seconds,
  paste0('"', rownames(ci), '"', collapse = ","), num(ci[, 1]), num(ci[, 2])))
`;

function progress(message: string): void {
  process.stderr.write(message + '\n');
}

export async function benchInferenceBoot(options: BootBenchOptions): Promise<void> {
  const rows: string[][] = [];
  const notes: string[] = [];
  let rVersion = '';
  const threadCounts = availableParallelism() >= 2 ? [1, 2] : [1];
  for (const c of CASES) {
    const path = join(options.repo, 'resources/sample-data', c.file);
    const data = await readDataFile(readFileSync(path), { fileName: path, factors: c.factors }, silentContext);
    const model = buildLmmModel(parseFormula(c.formula), { rows: data.rows, columns: data.columns });
    const fit = await fitLmmModel(model);
    const theta = Float64Array.from(fit.theta);
    const runs: BootIntervals[] = [];
    for (const threads of threadCounts) {
      progress(`Nestor: ${c.id}, ${NSIM} refits on ${threads} thread${threads === 1 ? '' : 's'} …`);
      runs.push(await bootstrapLmm(model, theta, true, { nsim: NSIM, seed: SEED, threads }));
    }
    let r: RResult<RBoot> = { ok: false, reason: 'not run (--no-r)' };
    if (options.r) {
      progress(`lme4: ${c.id}, confint(method = "boot", nsim = ${NSIM}) …`);
      r = runR<RBoot>(R_SCRIPT, [path, c.formula, c.factors.join(','), String(NSIM), String(SEED)], 7200);
      if (r.ok) rVersion = `${r.version}, lme4 ${r.value.lme4}`;
    }
    rows.push(row(c, runs, r));
    const messages = [...new Set(runs.flatMap((x) => x.messages))];
    if (messages.length > 0) notes.push(`${c.id}: Nestor says: ${messages.join('; ')}.`);
    if (!r.ok && !r.reason.startsWith('not run')) notes.push(`${c.id}: lme4: ${r.reason}`);
  }
  console.log(`Parametric bootstrap of lmer fits: confint(fit, method = "boot", nsim = ${NSIM}, seed = ${SEED}), percentile intervals of sd, cor, sigma and fixed effects.`);
  console.log(`goal: Nestor (best of its thread counts) in at most ${GOAL} of lme4's time; agree: the largest difference of an interval end, as a fraction of its interval's width.`);
  console.log('');
  console.log(table(rows, threadCounts));
  console.log('');
  for (const n of notes) console.log(n);
  console.log('Nestor: the data read and the model fitted first (not timed), then bootstrapLmm (simulation, refits on worker threads, intervals), timed by its own clock.');
  console.log(`lme4: ${rVersion || 'not run'}; read, lmer() (not timed), then confint(method = "boot") timed with system.time, with lme4 1.1-33's refit fix for REML fits applied.`);
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; wall-clock seconds (a busy machine slows both sides).`);
}

function row(c: BootCase, runs: BootIntervals[], r: RResult<RBoot>): string[] {
  const nestor = runs.map((x) => `${x.seconds.toFixed(2)} s (${(NSIM / x.seconds).toFixed(0)}/s)`);
  const best = Math.min(...runs.map((x) => x.seconds));
  const l = r.ok ? r.value : null;
  const ratio = l ? best / l.seconds : NaN;
  let agree = '—';
  if (l) {
    const mine = runs[0];
    let worst = 0;
    l.names.forEach((name, k) => {
      const i = mine.names.indexOf(name);
      const width = l.upper[k] - l.lower[k];
      const [lo, hi] = i < 0 ? [null, null] : mine.ci[i];
      worst = Math.max(worst, Math.abs((lo ?? NaN) - l.lower[k]) / width, Math.abs((hi ?? NaN) - l.upper[k]) / width);
    });
    agree = Number.isNaN(worst) ? 'NO (an end is missing)' : worst.toExponential(1);
  }
  return [
    c.label,
    ...nestor,
    l ? `${l.seconds.toFixed(2)} s (${(NSIM / l.seconds).toFixed(0)}/s)` : r.ok ? '' : r.reason.startsWith('not run') || r.reason === 'R not installed' ? 'not run' : 'failed',
    l ? `${ratio.toFixed(3)} ${ratio <= GOAL ? '(goal met)' : '(goal missed)'}` : '—',
    agree,
  ];
}

function table(rows: string[][], threadCounts: number[]): string {
  const header = ['case', ...threadCounts.map((t) => `Nestor, ${t} thread${t === 1 ? '' : 's'}`), 'lme4 (system.time in R)', 'Nestor/lme4', 'agree'];
  for (const c of rows) c[0] = c[0].replaceAll('|', '\\|');
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((c) => c[j].length)));
  const line = (c: string[]) => '| ' + c.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, j) => (j === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}
