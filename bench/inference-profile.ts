/**
 * The profile part of `npm run bench` (issue 9): profile-likelihood intervals
 * (confint(method = "profile")) of lmer fits by Nestor (profileLmm) and by lme4 on the
 * same CSV files, timing only the profiling on both sides (the fit, done once before, is
 * not timed). Goal: Nestor's time at most 0.2 of lme4's.
 *
 *   node out/main/bench.js --only profile [--no-r] [--lmer-runs N]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseFormula } from '@shared/formula/parse-formula';
import { silentContext } from '../src-main/engine/context';
import { readDataFile } from '../src-main/engine/import/read-data-file';
import { profileLmm } from '../src-main/engine/inference/profile/profile-lmm';
import { fitLmmModel } from '../src-main/engine/lmm/fit-lmer';
import { buildLmmModel } from '../src-main/engine/lmm/model';
import { runR, type RResult } from './support/r';
import { median, timeRuns } from './support/timing';

interface ProfileCase {
  id: string;
  label: string;
  file: string;
  formula: string;
  factors: string[];
}

const CASES: readonly ProfileCase[] = [
  { id: 'exam', label: 'exam m3 (REML): normexam ~ standLRT + (standLRT | school)', file: 'exam.csv', formula: 'normexam ~ standLRT + (standLRT | school)', factors: ['school'] },
  { id: 'sleepstudy', label: 'sleepstudy (REML): Reaction ~ Days + (Days | Subject)', file: 'sleepstudy.csv', formula: 'Reaction ~ Days + (Days | Subject)', factors: ['Subject'] },
];

const GOAL = 0.2;
const DEFAULT_RUNS = 5;

/** lme4's side: fit (not timed), then confint(fit, method = "profile") timed with system.time; the last line is JSON. */
const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(lme4))
d <- read.csv(args[[1]], stringsAsFactors = TRUE)
for (v in strsplit(args[[3]], ",", fixed = TRUE)[[1]]) d[[v]] <- factor(d[[v]])
fit <- lmer(as.formula(args[[2]]), data = d, REML = TRUE)
runs <- as.integer(args[[4]])
times <- numeric(runs)
for (k in seq_len(runs)) times[k] <- system.time(ci <- suppressWarnings(confint(fit, method = "profile", oldNames = FALSE, quiet = TRUE)))[["elapsed"]]
cat(jsonlite::toJSON(list(lme4 = as.character(packageVersion("lme4")), times = times, names = rownames(ci), lower = unname(ci[, 1]), upper = unname(ci[, 2])), digits = NA, auto_unbox = FALSE), "\\n")
`;

interface RProfile {
  lme4: string[];
  times: number[];
  names: string[];
  lower: (number | null)[];
  upper: (number | null)[];
}

/**
 * Runs the part when `--only` names it (or names nothing); returns the other parts to run,
 * or null when nothing else was asked for.
 */
export async function runProfilePart(parts: string[], options: { repo: string; r: boolean; runs?: number }): Promise<string[] | null> {
  const selected = parts.length === 0 || parts.includes('profile');
  if (selected) await benchProfile(options);
  const rest = parts.filter((p) => p !== 'profile');
  return selected && parts.length > 0 && rest.length === 0 ? null : rest;
}

export async function benchProfile(options: { repo: string; r: boolean; runs?: number }): Promise<void> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const lines: string[] = [];
  let rVersion = '';
  for (const c of CASES) {
    const file = join(options.repo, 'resources/sample-data', c.file);
    process.stderr.write(`Nestor: profile of ${c.id} …\n`);
    const imported = await readDataFile(readFileSync(file), { fileName: file, factors: c.factors }, silentContext);
    const model = buildLmmModel(parseFormula(c.formula), { rows: imported.rows, columns: imported.columns });
    const fit = await fitLmmModel(model, { reml: true });
    const theta = Float64Array.from(fit.theta);
    const t0 = performance.now();
    await profileLmm(model, theta, true, {});
    const cold = (performance.now() - t0) / 1000;
    const { seconds, last } = await timeRuns(runs, () => profileLmm(model, theta, true, {}));
    const nestor = median(seconds);
    let r: RResult<RProfile> = { ok: false, reason: 'not run (--no-r)' };
    if (options.r) {
      process.stderr.write(`lme4: profile of ${c.id} …\n`);
      r = runR<RProfile>(R_SCRIPT, [file, c.formula, c.factors.join(','), String(runs)], 1800);
      if (r.ok) rVersion = `${r.version}, lme4 ${r.value.lme4[0]}`;
    }
    lines.push(c.label);
    lines.push(`  Nestor: median ${nestor.toFixed(4)} s of ${runs} runs (first run ${cold.toFixed(4)} s)`);
    if (r.ok) {
      const lme4 = median(r.value.times);
      const ratio = nestor / lme4;
      lines.push(`  lme4:   median ${lme4.toFixed(4)} s of ${runs} runs`);
      lines.push(`  ratio Nestor / lme4: ${ratio.toFixed(3)} (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`);
      let worst = 0;
      last.ci.forEach((ci, i) => {
        const k = r.ok ? r.value.names.indexOf(last.names[i]) : -1;
        if (k < 0 || !r.ok) return;
        const ends = [r.value.lower[k], r.value.upper[k]];
        ci.forEach((e, s) => {
          const ref = ends[s];
          if (e !== null && ref !== null) worst = Math.max(worst, Math.abs(e - ref) / Math.max(Math.abs(ref), 1e-3));
        });
      });
      lines.push(`  largest relative difference of an interval end from lme4's: ${worst.toExponential(2)}`);
    } else {
      lines.push(`  lme4: ${r.reason}`);
    }
  }
  console.log('Profile-likelihood intervals (confint(method = "profile")) of REML fits: Nestor against lme4, the fit itself not timed.');
  console.log('');
  for (const l of lines) console.log(l);
  console.log('');
  console.log(`lme4: ${rVersion || 'not run'}; confint(fit, method = "profile", oldNames = FALSE) timed with system.time.`);
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; times are wall-clock seconds.`);
}
