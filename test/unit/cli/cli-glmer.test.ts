import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestor, root, samples } from './run-cli';

/** `nestor fit --family …` and `nestor compare --family …` as a person runs them: the built CLI in its own process. */


interface GlmerFixture {
  id: string;
  data: string;
  levels: Record<string, string[]>;
  prep: string | null;
  formula: string;
  family: string;
  nAGQ: number;
  fit: Record<string, unknown>;
}
const fixture = (id: string): GlmerFixture => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'lme4', `${id}.json`), 'utf8'));
const printed = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'print', 'glmer', name), 'utf8');
const DATA_NAMES: Record<string, string> = { cbpp: 'cbpp', exam: 'Exam', jsp: 'JSP' };

function args(f: GlmerFixture): string[] {
  const file = f.data === 'jsp' ? 'jsp.txt' : `${f.data}.csv`;
  return [
    '--data', join(samples, file), '--data-name', DATA_NAMES[f.data],
    ...Object.entries(f.levels).flatMap(([col, lv]) => ['--levels', `${col}=${lv.join(',')}`]),
    ...(f.prep ? ['--compute', f.prep] : []),
    '--formula', f.formula, '--family', f.family, ...(f.nAGQ !== 1 ? ['--nagq', String(f.nAGQ)] : []),
  ];
}

/** The README's tolerance (relative 1e-4, absolute 1e-6 near 0); `loose` for the fields fit-glmer.test.ts documents. */
function expectClose(actual: unknown, expected: unknown, path: string, loose: RegExp | null): void {
  if (Array.isArray(expected)) {
    const a = actual as unknown[];
    expect(a.length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose(a[i], e, `${path}[${i}]`, loose));
  } else if (Array.isArray(actual) && actual.length === 1) {
    // jsonlite wrote a one-element vector as a scalar.
    expectClose(actual[0], expected, path, loose);
  } else if (typeof expected === 'number') {
    const tol = loose?.test(path) ? 2.5e-3 : 1e-4;
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(Math.max(1e-6, tol * Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`, loose);
  } else expect(actual, path).toEqual(expected);
}

/** Reference fields the glmer fit reports (the fixture also holds fields of later issues: icc, r2, confint_boot). */
const FIELDS = ['fixef', 'vcov', 'corr_fixef', 'varcorr', 'theta', 'logLik', 'df', 'AIC', 'BIC', 'deviance', 'df_resid', 'nobs', 'ngroups', 'isSingular', 'scaled_resid_quantiles', 'ranef', 'fitted_head', 'resid_head'];

describe('nestor fit --family reproduces the glmer reference cases', () => {
  for (const id of ['cbpp_laplace', 'cbpp_agq25', 'exam_glmer_fail', 'jsp_glmer_fail']) {
    it(`${id}: --json at the README's tolerances, and the printed summary`, () => {
      const f = fixture(id);
      const run = nestor('fit', ...args(f), '--json');
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.kind).toBe('glmer');
      // exam: lme4's own endpoint is decided by rounding noise in its stage 1 (fit-glmer.test.ts); its modes differ by a few 1e-6.
      const loose = id === 'exam_glmer_fail' ? /^fit\.(ranef|fitted_head|resid_head)/ : null;
      for (const k of FIELDS) if (k in f.fit) expectClose(out.fit[k], f.fit[k], `fit.${k}`, loose);
      const text = nestor('fit', ...args(f));
      expect(text.status, text.stderr).toBe(0);
      if (id === 'exam_glmer_fail') {
        // Every line but two: the largest scaled residual (17.6798 for 17.6797) and the intercept row (−5.1384 0.2660 for −5.1383 0.2659), see summary-glmer.test.ts.
        const ours = text.stdout.split('\n');
        const R = printed(`${id}.txt`).split('\n');
        expect(ours.length).toBe(R.length);
        const differ = R.flatMap((line, i) => (line === ours[i] ? [] : [line.trim().split(/\s+/)[0]]));
        expect(differ).toEqual(['-1.1627', '(Intercept)']);
      } else expect(text.stdout).toBe(printed(`${id}.txt`));
    }, 60_000);
  }
});

describe('nestor fit --family: nAGQ = 0 and a Poisson fit, as R prints them', () => {
  it('jsp with --nagq 0 (stage 1 only: covariance from RX, no Hessian)', () => {
    const f = fixture('jsp_glmer_fail');
    const run = nestor('fit', ...args(f), '--nagq', '0');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(printed('jsp_glmer_fail_nagq0.txt'));
  });
  it('cbpp incidence with --family poisson', () => {
    const f = { ...fixture('cbpp_laplace'), formula: 'incidence ~ period + (1 | herd)', family: 'poisson' };
    const run = nestor('fit', ...args(f));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(printed('cbpp_poisson.txt'));
  });
});

describe('nestor compare --family: lme4’s anova of nested glmer models', () => {
  const f = fixture('jsp_glmer_fail');
  const dropped = ['--formula', '--family'];
  const base = args(f).filter((_, i, a) => !dropped.includes(a[i]) && !dropped.includes(a[i - 1]));
  const formulas = ['--formula', 'fail ~ raven + (1 | school)', '--formula', 'fail ~ raven + gender + (1 | school)'];
  it('prints R’s table (no ML refit message) and gives its numbers with --json', () => {
    const run = nestor('compare', ...base, '--family', 'binomial', ...formulas);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(printed('anova-jsp.txt'));
    const json = nestor('compare', ...base, '--family', 'binomial', ...formulas, '--json');
    const out = JSON.parse(json.stdout);
    expect(out.kind).toBe('anova.glmer');
    const R = JSON.parse(printed('anova-jsp.json'));
    for (const k of ['npar', 'AIC', 'BIC', 'logLik', 'deviance', 'Chisq', 'Df', 'p'] as const) {
      expectClose(out.anova.map((r: Record<string, unknown>) => r[k]), R[k], k, null);
    }
  }, 60_000);
  it('rejects a wrong link and --nagq without --family', () => {
    const bad = nestor('fit', ...base, '--formula', 'fail ~ raven + (1 | school)', '--link', 'log');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--family/);
    const link = nestor('fit', ...args(f), '--link', 'log');
    expect(link.status).toBe(2);
    expect(link.stderr).toMatch(/binomial family takes logit, probit, cloglog/);
  });
});
