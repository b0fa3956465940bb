import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runR, type RResult } from './r';

/** What bench/support/lmer-bench.R prints for one case. */
export interface RLmer {
  lme4: string;
  /** Seconds of each timed lmer() call. */
  times: number[];
  remlcrit: number;
  theta: number[];
  nobs: number;
  groups: string[];
  ngroups: number[];
  /** Objective evaluations of lme4's optimizer. */
  feval: number;
  optimizer: string;
  /** Peak resident memory of the R process (VmHWM), null off Linux. */
  peak_bytes: number | null;
  /** lmer's warnings and messages (convergence, singular fit), if any. */
  notes: string[];
}

/**
 * Fits one case with lme4 in its own Rscript process: R's start-up and read.csv are
 * outside the timing (see the script). `repo` is where bench/support/lmer-bench.R lives.
 */
export function runLme4(repo: string, csv: string, formula: string, factors: readonly string[], runs: number, timeoutSeconds: number): RResult<RLmer> {
  const script = readFileSync(join(repo, 'bench/support/lmer-bench.R'), 'utf8');
  return runR<RLmer>(script, [csv, formula, factors.join(','), String(runs)], timeoutSeconds);
}
