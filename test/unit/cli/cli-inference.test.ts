import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestor, root, samples } from './run-cli';

/**
 * --ddf and --confint through the built CLI: the JSON fields named as the
 * reference results name them, against lmerTest's, pbkrtest's and lme4's numbers,
 * and the printed tables after lme4's summary.
 */


const fixture = (id: string) => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'lme4', `${id}.json`), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);
const jsp = ['--data', join(samples, 'jsp.txt'), '--levels', 'gender=boy,girl', '--levels', 'social=S1,S2,S3,S4'];

describe('nestor fit --ddf', () => {
  it.each([
    ['satterthwaite', 'satterthwaite'],
    ['kenward-roger', 'kenward_roger'],
  ] as const)('--ddf %s gives the fixture field %s for jsp_ri_social', (method, field) => {
    const ref = fixture('jsp_ri_social')[field];
    const run = nestor('fit', ...jsp, '--formula', 'math ~ raven + social + (1 | school)', '--ddf', method, '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout)[field];
    expect(out.names).toEqual(ref.names);
    ref.df.forEach((df: number, j: number) => expect(rel(out.df[j], df)).toBeLessThan(1e-3));
    ref.p.forEach((p: number, j: number) => expect(rel(out.p[j], p)).toBeLessThan(1e-3));
    expect(out.anova.map((r: { term: string }) => r.term)).toEqual(['raven', 'social']);
  });

  it('prints lmerTest\'s tables after the summary', () => {
    const run = nestor('fit', ...jsp, '--formula', 'math ~ raven + social + (1 | school)', '--ddf', 'satterthwaite');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Linear mixed model fit by REML');
    expect(run.stdout).toContain("Type III Analysis of Variance Table with Satterthwaite's method");
    expect(run.stdout).toMatch(/social\s+[\d.]+\s+[\d.]+\s+3\s/);
  });
});

describe('nestor fit --confint', () => {
  it('profile: the fixture field confint_profile of exam_m3_rs within 1e-3', () => {
    const ref = fixture('exam_m3_rs').fit.confint_profile;
    const run = nestor('fit', '--data', join(samples, 'exam.csv'), '--formula', 'normexam ~ standLRT + (standLRT | school)', '--confint', 'profile', '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout).fit.confint_profile;
    expect(out.names).toEqual(ref.names);
    ref.ci.forEach((ends: number[], i: number) => ends.forEach((e, k) => expect(rel(out.ci[i][k], e), `${ref.names[i]} end ${k}`).toBeLessThan(1e-3)));
  });

  it('boot: confint_boot of jsp_ri_gender (nsim 1000, seed 1000) within Monte Carlo error, the same again for the same seed', () => {
    const { fit } = fixture('jsp_ri_gender');
    const args = ['fit', ...jsp, '--formula', 'math ~ raven + gender + (1 | school)', '--confint', 'boot', '--nsim', '1000', '--seed', '1000', '--json'];
    const first = nestor(...args);
    expect(first.status, first.stderr).toBe(0);
    const boot = JSON.parse(first.stdout).fit.confint_boot;
    expect(boot).toMatchObject({ nsim: 1000, seed: 1000, type: 'perc' });
    fit.confint_boot.names.forEach((name: string, i: number) => {
      const j = boot.names.indexOf(name);
      const se = fit.fixef.se[fit.fixef.names.indexOf(name)];
      for (const k of [0, 1]) expect(Math.abs(boot.ci[j][k] - fit.confint_boot.ci[i][k]), `${name} end ${k}`).toBeLessThan(0.15 * se);
    });
    const again = JSON.parse(nestor(...args).stdout).fit.confint_boot;
    expect(again.ci).toEqual(boot.ci);
  });

  it('wald: printed as confint(m, method = "Wald") with NA for the variance parameters', () => {
    const run = nestor('fit', '--data', join(samples, 'sleepstudy.csv'), '--factor', 'Subject', '--formula', 'Reaction ~ Days + (Days | Subject)', '--confint', 'wald');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('sd_(Intercept)|Subject               NA        NA');
    expect(run.stdout).toMatch(/\(Intercept\)\s+238\.029\d*\s+264\.78/);
  });

  it('a bootstrap without --seed says which seed it used', () => {
    const run = nestor('fit', ...jsp, '--formula', 'math ~ raven + (1 | school)', '--confint', 'boot', '--nsim', '20');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Bootstrap seed \d+ \(give --seed \d+ to get the same intervals again\)/);
  });
});
