/**
 * `npm run bench`, built by electron-vite as the main-process entry `bench`
 * (out/main/bench.js): the import/lm cases (bench/import-lm.ts, its own entry
 * out/main/bench-import-lm.js, run as a child process with its options passed on),
 * then the mixed-model cases (bench/lmer.ts, bench/glmer.ts), the plot drawing, profile
 * intervals (bench/inference-profile.ts, first) and the parametric bootstrap
 * (bench/inference-boot.ts, last: lme4's side takes minutes).
 *
 *   node out/main/bench.js [--only PARTS] [--rows N] [--runs N] [--lmer-runs N] [--no-r]
 *
 * PARTS is a comma-separated list of `import-lm`, `lmer`, `glmer`, `plot-draw`, `profile`, `boot`, or single lmer cases
 * (exam, sleepstudy, insteval, synthetic-100k, synthetic-1m) or glmer cases (glmer-cbpp,
 * glmer-jsp, glmer-synthetic-100k, glmer-crossed); everything by default.
 * --rows and --runs go to the import/lm cases; --lmer-runs overrides every lmer case's
 * runs (by default a few for the quick fits, one for the slow ones). Tables go to
 * stdout, progress to stderr.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchGlmer } from './glmer';
import { runProfilePart } from './inference-profile';
import { benchLmer } from './lmer';
import { benchPlotDraw, formatPlotDraw } from './plot-draw';
import { GLMER_CASES } from './support/glmer-cases';
import { LMER_CASES } from './support/lmer-cases';
import { CHILD_FLAG, childMain } from './support/lmer-nestor';

const benchScript = fileURLToPath(import.meta.url);

if (process.argv[2] === CHILD_FLAG) {
  await childMain(process.argv[3] ?? '');
} else {
  await main();
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      only: { type: 'string', default: '' },
      rows: { type: 'string' },
      runs: { type: 'string' },
      'lmer-runs': { type: 'string' },
      'no-r': { type: 'boolean', default: false },
    },
  });
  const only = args.only.split(',').filter((s) => s !== '');
  const runBoot = only.length === 0 || only.includes('boot');
  // The bootstrap comes last in a full run: lme4's side takes minutes.
  const boot = () => (runBoot ? import('./inference-boot').then((m) => m.benchInferenceBoot({ repo: resolve(dirname(benchScript), '../..'), r: !args['no-r'] })) : Promise.resolve());
  const others = only.filter((p) => p !== 'boot');
  if (only.length > 0 && others.length === 0) return boot();
  const parts = await runProfilePart(others, { repo: resolve(dirname(benchScript), '../..'), r: !args['no-r'] });
  if (parts === null) return boot();
  const lmerIds = LMER_CASES.map((c) => c.id);
  const glmerIds = GLMER_CASES.map((c) => c.id);
  const unknown = parts.filter((p) => p !== 'import-lm' && p !== 'lmer' && p !== 'glmer' && p !== 'plot-draw' && !lmerIds.includes(p) && !glmerIds.includes(p));
  if (unknown.length > 0) fail(`--only: no part ${unknown.join(', ')}; the parts are import-lm, lmer, glmer, plot-draw, profile, boot, ${[...lmerIds, ...glmerIds].join(', ')}.`);
  const all = parts.length === 0;
  const lmerOnly = parts.includes('lmer') ? [] : parts.filter((p) => lmerIds.includes(p));
  const runLmer = all || parts.includes('lmer') || lmerOnly.length > 0;
  const glmerOnly = parts.includes('glmer') ? [] : parts.filter((p) => glmerIds.includes(p));
  const runGlmer = all || parts.includes('glmer') || glmerOnly.length > 0;

  if (all || parts.includes('import-lm')) {
    const forwarded = [
      ...(args.rows === undefined ? [] : ['--rows', args.rows]),
      ...(args.runs === undefined ? [] : ['--runs', args.runs]),
      ...(args['no-r'] ? ['--no-r'] : []),
    ];
    const run = spawnSync(process.execPath, [join(dirname(benchScript), 'bench-import-lm.js'), ...forwarded], { stdio: 'inherit' });
    if (run.status !== 0) {
      // The lmer cases still run; the exit code says that a part failed.
      console.error(`The import/lm bench ended with ${run.error?.message ?? run.status ?? run.signal}.`);
      process.exitCode = 1;
    }
    if (runLmer) console.log('');
  }
  if (runLmer) {
    const lmerRuns = args['lmer-runs'];
    const runs = lmerRuns === undefined ? undefined : Number(lmerRuns);
    if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) fail(`--lmer-runs must be a positive whole number (got "${lmerRuns}").`);
    await benchLmer({ repo: resolve(dirname(benchScript), '../..'), benchScript, r: !args['no-r'], only: lmerOnly, runs });
  }
  if (runGlmer) {
    console.log('');
    const lmerRuns = args['lmer-runs'];
    await benchGlmer({ repo: resolve(dirname(benchScript), '../..'), r: !args['no-r'], only: glmerOnly, runs: lmerRuns === undefined ? undefined : Number(lmerRuns) });
  }
  if (all || parts.includes('plot-draw')) {
    console.log('');
    console.log(formatPlotDraw(await benchPlotDraw(resolve(dirname(benchScript), '../..'))));
  }
  if (runBoot) console.log('');
  await boot();
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
