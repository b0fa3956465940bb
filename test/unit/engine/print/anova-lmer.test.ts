import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anovaLmer, chisqUpperTail, formatAnovaLmer, REFIT_MESSAGE, type AnovaLmerModel } from '../../../../src-main/engine/print/anova-lmer';

/** anova() of lmer fits as lme4 1.1-31 prints it: test/fixtures/tools/make-lmer-print-fixtures.R. */
interface AnovaCase {
  name: string;
  data: string;
  models: AnovaLmerModel[];
  stderr: string[];
  out: string[];
}
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/print/lmer/anova-cases.json', import.meta.url), 'utf8')) as AnovaCase[];

interface ReferenceAnova {
  formulas: string[];
  npar: number[];
  AIC: number[];
  BIC: number[];
  logLik: number[];
  deviance: number[];
  Chisq: (number | null)[];
  Df: (number | null)[];
  p: (number | null)[];
}
function reference(id: string): { anova: ReferenceAnova; nobs: number; data: string } {
  const ref = JSON.parse(readFileSync(new URL(`../../../fixtures/lme4/${id}.json`, import.meta.url), 'utf8')) as {
    anova: ReferenceAnova;
    data: string;
    fit: { nobs: number };
  };
  return { anova: ref.anova, nobs: ref.fit.nobs, data: ref.data };
}

describe('anovaLmer: the likelihood-ratio table of test/fixtures/lme4 (anova fields)', () => {
  it.each(['exam_m2_ri', 'exam_ri_intake', 'jsp_ri_social'])('%s: every column within 1e-10 relative, p-values within 1e-9', (id) => {
    const { anova, nobs } = reference(id);
    // Given in reverse, to check that the rows come out by increasing npar.
    const models: AnovaLmerModel[] = anova.formulas
      .map((formula, k) => ({ name: `MODEL${k + 1}`, formula, npar: anova.npar[k], logLik: anova.logLik[k], nobs, reml: true }))
      .reverse();
    const { rows, messages } = anovaLmer(models, { data: 'd' });
    expect(rows.map((r) => r.name)).toEqual(['MODEL1', 'MODEL2']);
    expect(messages).toEqual([REFIT_MESSAGE]);
    rows.forEach((r, k) => {
      expect(r.npar).toBe(anova.npar[k]);
      expect(r.AIC).toBeCloseTo(anova.AIC[k], 8);
      expect(r.BIC).toBeCloseTo(anova.BIC[k], 8);
      expect(r.deviance).toBeCloseTo(anova.deviance[k], 8);
    });
    expect(rows[0].Chisq).toBeNull();
    expect(rows[0].Df).toBeNull();
    expect(rows[0].p).toBeNull();
    expect(Math.abs((rows[1].Chisq as number) / (anova.Chisq[1] as number) - 1)).toBeLessThan(1e-10);
    expect(rows[1].Df).toBe(anova.Df[1]);
    expect(Math.abs((rows[1].p as number) / (anova.p[1] as number) - 1)).toBeLessThan(1e-9);
  });

  it('exam m2 vs m3: Chisq 40.372 on 2 df, p = 1.711e-09', () => {
    const { anova, nobs } = reference('exam_m2_ri');
    const models = anova.formulas.map((formula, k) => ({ name: ['m2', 'm3'][k], formula, npar: anova.npar[k], logLik: anova.logLik[k], nobs }));
    const row = anovaLmer(models, { data: 'Exam' }).rows[1];
    expect(row.Chisq).toBeCloseTo(40.3722356689814, 9);
    expect(row.p).toBeCloseTo(1.71111978710359e-9, 20);
  });
});

describe('formatAnovaLmer: lme4’s printed anova, character for character', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { rows, heading, messages } = anovaLmer(c.models, { data: c.data });
    expect(formatAnovaLmer(rows, heading)).toBe(c.out.map((l) => l + '\n').join(''));
    expect(messages).toEqual(c.stderr);
  });

  it('leaves Pr(>Chisq) blank for models with the same npar and floors a negative change at Chisq = 0', () => {
    const c = cases.find((x) => x.name === 'exam_ml_only') as AnovaCase;
    const { rows } = anovaLmer(c.models, { data: c.data });
    expect(rows[1].Df).toBe(0);
    expect(rows[1].p).toBeNull();
    expect(rows[1].Chisq).toBeGreaterThanOrEqual(0);
  });

  it('names the models MODEL1, MODEL2 when two share a name, as lme4 does', () => {
    const c = cases[0];
    const same = c.models.map((m) => ({ ...m, name: 'm' }));
    const { rows, heading, messages } = anovaLmer(same, { data: c.data });
    expect(rows.map((r) => r.name)).toEqual(['MODEL1', 'MODEL2']);
    expect(heading[2]).toBe('MODEL1: normexam ~ standLRT + (1 | school)');
    expect(messages[1]).toContain('failed to find model names, assigning generic names');
  });

  it('shows a Subset line and expands || in the model lines', () => {
    const models: AnovaLmerModel[] = [
      { name: 'a', formula: 'Reaction ~ Days + (Days || Subject)', npar: 5, logLik: -875.97, nobs: 180 },
      { name: 'b', formula: 'Reaction ~ Days + (Days | Subject)', npar: 6, logLik: -875.9, nobs: 180 },
    ];
    expect(anovaLmer(models, { data: 'sleepstudy', subset: 'Days > 1' }).heading).toEqual([
      'Data: sleepstudy',
      'Subset: Days > 1',
      'Models:',
      'a: Reaction ~ Days + ((1 | Subject) + (0 + Days | Subject))',
      'b: Reaction ~ Days + (Days | Subject)',
    ]);
  });

  it('refuses one model, and models fitted to different numbers of rows', () => {
    const m: AnovaLmerModel = { name: 'a', formula: 'y ~ x + (1 | g)', npar: 4, logLik: -10, nobs: 50 };
    expect(() => anovaLmer([m], { data: 'd' })).toThrow(/two or more models/);
    expect(() => anovaLmer([m, { ...m, name: 'b', nobs: 49 }], { data: 'd' })).toThrow(/50, 49/);
  });
});

describe('chisqUpperTail', () => {
  it('matches R’s pchisq(lower.tail = FALSE) to 1e-12 relative, far into the tail where 1 − cdf would be 0', () => {
    // R 4.2.2: print(pchisq(x, df, lower.tail = FALSE), digits = 17)
    const x = [700, 1400, 150, 60, 0.001, 3, 220.964586517683, 13.8673978619545];
    const df = [1, 5, 2, 30, 4, 0.5, 2, 3];
    const r = [
      2.9902269751246203e-154, 1.3765875143944421e-300, 2.6786369618080778e-33, 9.2068239614866631e-4, 9.9999987504165888e-1,
      3.3416444158979097e-2, 1.0426767501964321e-48, 0.00309131743362669,
    ];
    x.forEach((v, i) => expect(Math.abs(chisqUpperTail(v, df[i]) / r[i] - 1)).toBeLessThan(1e-12));
    expect(chisqUpperTail(0, 2)).toBe(1);
    expect(chisqUpperTail(Infinity, 2)).toBe(0);
  });
});
