import { availableParallelism } from 'node:os';
import { AppError } from '@shared/errors';
import type { BootIntervals } from '@shared/inference';
import type { LmmModel } from '../../lmm/model';
import { lmmObjective } from '../../lmm/objective';
import { solveLmm } from '../../lmm/solution';
import { bootParameterCount, bootParameterNames, bootParameters } from './boot-params';
import { startBootPool, type BatchResult } from './boot-pool';
import { formatBootIntervals } from './boot-text';
import { percentileInterval } from './percentile';
import { refitDesign } from './refit-lmm';
import { LmmSimulator } from './simulate-lmm';

/**
 * lme4's parametric bootstrap of an lmer fit, confint(fit, method = "boot", nsim,
 * seed, level, oldNames = FALSE): after set.seed(seed), simulate nsim responses
 * from the fitted model (simulate-lmm.ts, R's own random numbers), refit each
 * (refit-lmm.ts), collect sd_, cor_, sigma and the fixed effects of every refit
 * (boot-params.ts), and take boot.ci's percentile intervals (percentile.ts).
 *
 * Refits run on worker threads of the engine process (boot-pool.ts), in batches
 * sized to take about a tenth of a second; the responses are simulated here, in
 * replicate order, so the replicates and the intervals depend on the seed only,
 * never on the number of threads. Between batches the job's checkpoint may cancel
 * (the workers are then ended) and progress is reported at most ten times a second.
 * Refits that fail are left out and counted, as bootMer does.
 */
export interface BootstrapOptions {
  nsim: number;
  seed: number;
  level?: number;
  /** Worker threads; default the machine's cores, at most 4. 0 runs the refits on the calling thread. */
  threads?: number;
  checkpoint?: () => Promise<void>;
  onProgress?: (fraction: number, message: string) => void;
}

const MAX_DEFAULT_THREADS = 4;
/**
 * Every worker holds its own factor, whose dense later block can reach a few hundred MB
 * (blocks.ts, MAX_DENSE): fewer workers for such models, so that they share about this much.
 */
const WORKER_MEMORY = 1.5e9;
/** A batch of refits should take about this long, so cancel and progress stay prompt. */
const BATCH_MS = 100;
const MAX_BATCH = 64;
const PROGRESS_MS = 100;

export async function bootstrapLmm(model: LmmModel, theta: Float64Array, reml: boolean, options: BootstrapOptions): Promise<BootIntervals> {
  const started = performance.now();
  const { nsim, seed } = options;
  const level = options.level ?? 0.95;
  checkArguments(model, theta, reml, options, level);
  const threads = Math.min(options.threads ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism()), workersThatFit(model));

  // The fit at θ: β and σ for the simulation, and the estimates t0.
  const objective = lmmObjective(model, reml);
  if (!Number.isFinite(objective(theta))) {
    throw new AppError('bad-input', `The bootstrap needs a fitted model: the ${reml ? 'REML criterion' : 'deviance'} is not finite at θ = (${Array.from(theta).join(', ')}).`);
  }
  const sol = solveLmm(model, objective.factor, reml);
  const names = bootParameterNames(model.random.terms, model.fixed.names);
  const m = bootParameterCount(model.layout, model.p);
  const estimate = new Float64Array(m);
  bootParameters(model.layout, theta, sol.sigma, sol.beta, estimate);

  const simulator = new LmmSimulator(model, { theta, beta: sol.beta, sigma: sol.sigma }, nsim, seed);
  const values = new Float64Array(nsim * m);
  const ok = new Uint8Array(nsim);
  const pool = await startBootPool(refitDesign(model, theta, reml), threads);
  const n = model.n;
  try {
    const inflight = new Set<Promise<void>>();
    const maxInflight = pool.threads === 0 ? 1 : 2 * pool.threads;
    let next = 0;
    let done = 0;
    let batch = 1;
    let lastProgress = 0;
    const store = (first: number, count: number, res: BatchResult) => {
      values.set(res.values, first * m);
      ok.set(res.ok, first);
      done += count;
      const perRefit = res.ms / count;
      batch = Math.max(1, Math.min(MAX_BATCH, Math.round(BATCH_MS / Math.max(perRefit, 1e-3))));
      const now = performance.now();
      if (options.onProgress && (now - lastProgress >= PROGRESS_MS || done === nsim)) {
        lastProgress = now;
        options.onProgress(done / nsim, `Bootstrap: ${done} of ${nsim} refits`);
      }
    };
    while (next < nsim || inflight.size > 0) {
      await options.checkpoint?.();
      while (next < nsim && inflight.size < maxInflight) {
        const first = next;
        const count = Math.min(batch, nsim - next);
        next += count;
        const ys = new Float64Array(count * n);
        for (let r = 0; r < count; r++) simulator.next(ys.subarray(r * n, (r + 1) * n));
        const job: Promise<void> = pool
          .refit(count, ys)
          .then((res) => store(first, count, res))
          .finally(() => inflight.delete(job));
        // A failure surfaces through Promise.race below; this keeps a second one from going unhandled.
        job.catch(() => undefined);
        inflight.add(job);
      }
      if (inflight.size > 0) await Promise.race(inflight);
    }
  } finally {
    await pool.close();
  }

  return summarise(names, estimate, values, ok, { nsim, seed, level, seconds: (performance.now() - started) / 1000, fallbackReason: pool.fallbackReason });
}

function summarise(
  names: string[],
  estimate: Float64Array,
  values: Float64Array,
  ok: Uint8Array,
  run: { nsim: number; seed: number; level: number; seconds: number; fallbackReason: string | null },
): BootIntervals {
  const m = names.length;
  const { nsim, level } = run;
  const kept: number[] = [];
  for (let j = 0; j < nsim; j++) if (ok[j]) kept.push(j);
  const failed = nsim - kept.length;
  if (kept.length === 0) {
    throw new AppError('bad-input', `All ${nsim} bootstrap refits failed, so there are no bootstrap intervals (lme4: "*all* bootstrap runs failed!").`);
  }
  const messages: string[] = [];
  if (failed > 0) messages.push(`some bootstrap runs failed (${failed}/${nsim})`);
  const replicates = names.map((_, k) => kept.map((j) => values[j * m + k]));
  const ci: [number | null, number | null][] = [];
  const extreme: string[] = [];
  names.forEach((name, k) => {
    const { interval, warning } = percentileInterval(replicates[k], level);
    ci.push(interval ?? [null, null]);
    if (!interval) messages.push(`${name}: ${warning}.`);
    else if (warning) extreme.push(name);
  });
  // boot.ci warns once per parameter; one line says it for all of them.
  if (extreme.length > 0) messages.push(`extreme order statistics used as endpoints (${extreme.join(', ')}): too few replicates for this level`);
  if (run.fallbackReason) messages.push(`The refits ran on one thread: ${run.fallbackReason}.`);
  return {
    kind: 'boot',
    nsim,
    seed: run.seed,
    level,
    type: 'perc',
    names,
    estimate: Array.from(estimate),
    ci,
    replicates,
    failed,
    seconds: run.seconds,
    text: formatBootIntervals(names, ci, level),
    messages,
  };
}

/** How many workers' factors fit in WORKER_MEMORY (at least one). */
function workersThatFit(model: LmmModel): number {
  const { blocks } = model;
  const { Q2, p } = blocks.layout;
  const bytes = 8 * ((Q2 + p + 1) * Q2 + 2 * blocks.a21.length + blocks.a11.length + blocks.aw1.length + blocks.aw2.length);
  return Math.max(1, Math.floor(WORKER_MEMORY / bytes));
}

function checkArguments(model: LmmModel, theta: Float64Array, reml: boolean, options: BootstrapOptions, level: number): void {
  const { nsim, seed, threads } = options;
  if (!Number.isInteger(nsim) || nsim < 1) throw new AppError('bad-input', `The number of bootstrap replicates (nsim) must be a whole number of at least 1 (got ${nsim}).`);
  if (!Number.isInteger(seed) || seed < -2147483648 || seed > 2147483647) {
    throw new AppError('bad-input', `The seed must be a whole number that R's set.seed accepts, from -2147483648 to 2147483647 (got ${seed}).`);
  }
  if (!(level > 0 && level < 1)) throw new AppError('bad-input', `The confidence level must be between 0 and 1 (got ${level}).`);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0)) throw new AppError('bad-input', `threads must be a whole number, 0 or more (got ${threads}).`);
  const { lower, names } = model.layout;
  if (theta.length !== lower.length) {
    throw new AppError('bad-input', `θ has ${theta.length} values; this model has ${lower.length} (${names.join(', ')}).`);
  }
  theta.forEach((t, i) => {
    if (!(t >= lower[i]) || !Number.isFinite(t)) throw new AppError('bad-input', `θ's ${names[i]} = ${t} is not a finite value at or above its lower bound ${lower[i]}.`);
  });
  if (reml && model.n <= model.p) throw new AppError('bad-input', `REML needs more observations (${model.n}) than fixed-effect columns (${model.p}).`);
}
