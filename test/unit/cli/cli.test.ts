import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestor, root, samples } from './run-cli';

/**
 * The command line as a person (and the project's parity checks) runs it: the
 * built CLI in its own process, its stdout, stderr and exit status.
 */



interface Fixture {
  id: string;
  data: string;
  levels: Record<string, string[]>;
  formula: string;
  fit: Record<string, unknown>;
  lmlist?: { formula: string; subset: string; groups: string[]; names: string[]; coef: number[][]; lower: number[][]; upper: number[][]; pooled_sigma: number };
}

const fixture = (id: string): Fixture => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'lme4', `${id}.json`), 'utf8'));

/** The data flags that reproduce a fixture's data as R read it: file and factor level orders. */
function dataArgs(f: Fixture): string[] {
  const file = f.data === 'jsp' ? 'jsp.txt' : `${f.data}.csv`;
  return ['--data', join(samples, file), ...Object.entries(f.levels).flatMap(([col, lv]) => ['--levels', `${col}=${lv.join(',')}`])];
}

/** Relative error below 1e-4 (absolute 1e-6 near 0), the reference README's tolerance. */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    const a = actual as unknown[];
    expect(a.length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose(a[i], e, `${path}[${i}]`));
  } else if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const err = Math.abs((actual as number) - expected);
    expect(err, `${path}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(Math.max(1e-6, 1e-4 * Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe('nestor fit --json reproduces every lm reference case', () => {
  it.each(['exam_m1_lm', 'exam_lm_sex', 'jsp_lm'])('%s', (id) => {
    const f = fixture(id);
    const run = nestor('fit', ...dataArgs(f), '--formula', f.formula, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.kind).toBe('lm');
    expectClose(out.fit, f.fit, id);
  });
});

describe('nestor lmlist', () => {
  it('gives nlme’s coefficients and intervals with the pooled SD for Exam without school 48', () => {
    const f = fixture('exam_m1_lm');
    const run = nestor('lmlist', ...dataArgs(f), '--formula', f.lmlist!.formula, '--subset', f.lmlist!.subset, '--json');
    expect(run.status).toBe(0);
    const { lmlist } = JSON.parse(run.stdout);
    expect(lmlist.groups).toEqual(f.lmlist!.groups);
    expect(lmlist.names).toEqual(f.lmlist!.names);
    expectClose(lmlist.coef, f.lmlist!.coef, 'coef');
    expectClose(lmlist.lower, f.lmlist!.lower, 'lower');
    expectClose(lmlist.upper, f.lmlist!.upper, 'upper');
    expectClose(lmlist.pooled_sigma, f.lmlist!.pooled_sigma, 'pooled_sigma');
  });

  it('prints what R prints for print(m1_lst) and print(intervals(m1_lst))', () => {
    const run = nestor('lmlist', '--data', join(samples, 'exam.csv'), '--data-name', 'Exam', '--factor', 'school', '--formula', 'normexam ~ standLRT | school', '--subset', 'school != 48');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'test', 'fixtures', 'print', 'lmlist_exam.txt'), 'utf8'));
  });
});

describe('nestor fit prints summary(lm) as R does', () => {
  it('for the first course note’s m1 (section 4.1)', () => {
    const run = nestor('fit', '--data', join(samples, 'exam.csv'), '--data-name', 'Exam', '--formula', 'normexam ~ standLRT');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'test', 'fixtures', 'print', 'exam_standLRT.txt'), 'utf8'));
    // The numbers the note shows.
    expect(run.stdout).toContain('(Intercept) -0.001191   0.012642  -0.094    0.925    ');
    expect(run.stdout).toContain('Residual standard error: 0.8054 on 4057 degrees of freedom');
  });
});

describe('nestor compare', () => {
  it('prints anova() of nested linear models as R does', () => {
    const run = nestor(
      'compare', '--data', join(samples, 'exam.csv'), '--levels', 'intake=bottom 25%,mid 50%,top 25%',
      '--formula', 'normexam ~ standLRT', '--formula', 'normexam ~ standLRT + sex', '--formula', 'normexam ~ standLRT + sex + intake',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'test', 'fixtures', 'print', 'anova_lm_exam.txt'), 'utf8'));
  });
});

describe('recipes on the command line', () => {
  it('computes a variable and fits on a subset, as the second note does with fail', () => {
    const run = nestor('fit', '--data', join(samples, 'jsp.txt'), '--compute', 'fail = ifelse(math < -10, 1, 0)', '--subset', 'school != 48', '--formula', 'fail ~ raven', '--json');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    // jsp.txt has 1,154 rows; school 48 has 27 of them (R: sum(d$school == 48)).
    expect(out.nobs).toBe(1127);
  });
});

describe('bad input: exit status 2 and a message naming the problem', () => {
  it.each([
    [['fit', '--data', 'no/such/file.csv', '--formula', 'y ~ x'], /no\/such\/file\.csv: no such file/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRTT'], /standLRTT/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ + * standLRT'], /at character 14: unexpected "\*"/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT', '--ddf', 'satterthwaite'], /--ddf, --confint, --nsim and --seed are for mixed models/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT + (1 | school)', '--nsim', '100'], /give them with --confint boot/],
    [['fit', '--data', join(samples, 'jsp.txt'), '--formula', 'fail ~ raven + (1 | school)', '--compute', 'fail = ifelse(math < -10, 1, 0)', '--family', 'binomial', '--confint', 'profile'], /Wald intervals \(--confint wald/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT + (1 | type)', '--subset', "type == 'Mxd'"], /grouping factor type has only the level "Mxd"/],
    [['fit', '--data', join(samples, 'sleepstudy.csv'), '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--subset', 'Days < 1'], /18 levels for 18 observations/],
    [['fit', '--data', join(samples, 'sleepstudy.csv'), '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--subset', 'Days < 2'], /36 random effects for 36 observations/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'sex ~ standLRT + (1 | school)'], /response sex is not numeric/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT + (1 | school)', '--subset', 'normexam > 100'], /no rows are left/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT', '--family', 'binomial'], /glmer/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'sex ~ standLRT'], /not numeric/],
    [['fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT', '--subset', 'sex + 1'], /sex/],
    [['fit', '--data', join(samples, 'exam.csv')], /--formula/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['fit', '--bogus'], /bogus/],
  ])('%j', (args, message) => {
    const run = nestor(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^nestor: /);
    expect(run.stderr).toMatch(message);
  });

  it('prints its usage with --help and exits 0', () => {
    const run = nestor('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('nestor fit');
  });
});

describe('nestor fit and compare for linear mixed models', () => {
  const exam = ['--data', join(samples, 'exam.csv'), '--data-name', 'Exam', '--factor', 'school', '--levels', 'sex=F,M'];

  it.each(['exam_m2_ri', 'exam_m3_rs', 'exam_m3_rs_ml', 'jsp_ri_gender', 'sleep_rs'])('%s: --json gives lme4’s numbers', (id) => {
    const f = fixture(id) as Fixture & { REML?: boolean };
    const args = ['fit', ...dataArgs(f), '--formula', f.formula, '--json'];
    if (f.REML === false) args.push('--ml');
    const run = nestor(...args);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.kind).toBe('lmer');
    const r = f.fit as Record<string, unknown>;
    const pick = (fit: Record<string, unknown>) => ({
      // lmer's fixef carries no p-values (lme4 gives none); the fixture writes p: null.
      fixef: { ...(fit.fixef as object), p: undefined },
      sigma: fit.sigma,
      logLik: fit.logLik,
      AIC: fit.AIC,
      BIC: fit.BIC,
      nobs: fit.nobs,
      ngroups: fit.ngroups,
      ...(f.REML === false ? { deviance_ml: fit.deviance_ml } : { REMLcrit: fit.REMLcrit }),
    });
    expectClose(pick(out.fit), pick(r), id);
  });

  it('prints the first course note’s m2, m3 and m4 with its numbers', () => {
    const m2 = nestor('fit', ...exam, '--formula', 'normexam ~ standLRT + (1 | school)');
    expect(m2.status).toBe(0);
    expect(m2.stdout).toContain('REML criterion at convergence: 9368.8');
    expect(m2.stdout).toContain('(Intercept) 0.002323   0.040354   0.058');
    expect(m2.stdout).toContain('standLRT    0.563307   0.012468  45.180');

    const m3 = nestor('fit', ...exam, '--formula', 'normexam ~ standLRT + (standLRT | school)');
    expect(m3.stdout).toContain('REML criterion at convergence: 9327.6');
    expect(m3.stdout).toContain('          standLRT    0.01497  0.1223   0.49');
    expect(m3.stdout).toContain('standLRT     0.55653    0.02011   27.67');

    const m4 = nestor('fit', ...exam, '--formula', 'normexam ~ standLRT + sex + (standLRT + sex | school)');
    expect(m4.stdout).toContain('REML criterion at convergence: 9302.6');
    expect(m4.stdout).toContain("boundary (singular) fit: see help('isSingular')");
    expect(m4.stdout).toContain('sexM        -0.18261    0.03229  -5.656');
  });

  it('compares m2 and m3 as lme4’s anova does, refitting with ML and saying so', () => {
    const run = nestor('compare', ...exam, '--formula', 'normexam ~ standLRT + (1 | school)', '--formula', 'normexam ~ standLRT + (standLRT | school)');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('refitting model(s) with ML (instead of REML)');
    expect(run.stdout).toContain('m2    6 9328.9 9366.7 -4658.4   9316.9 40.372  2  1.711e-09 ***');
  });
});
