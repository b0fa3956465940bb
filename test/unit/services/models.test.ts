import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelsCompareDone, type ModelFitDone, type ModelSpec } from '@shared/models';
import { startModelFit, startModelsCompare } from '../../../src-main/services/models';
import { Session } from '../../../src-main/services/session';
import { testSessions } from '../helpers/sessions';

const root = resolve(import.meta.dirname, '..', '..', '..');
const { examSession } = testSessions('models');

describe('a model fit job', () => {
  it('stores the model as m1, fits it in the engine process and stores R’s summary and numbers', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const jobId = startModelFit(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    const outcome = await session.jobs.wait(jobId);
    expect(outcome.ok).toBe(true);
    const done = (outcome as { ok: true; value: ModelFitDone }).value;
    expect(done.model.name).toBe('m1');
    expect(done.value.text).toBe(readFileSync(join(root, 'test/fixtures/print/exam_standLRT.txt'), 'utf8'));
    const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/lme4/exam_m1_lm.json'), 'utf8'));
    expect((done.value.fit.coef as { estimate: number[] }).estimate[1]).toBeCloseTo(fixture.fit.coef.estimate[1], 12);
    // Stored with the model, and kept across a save and reopen.
    expect(session.project.listModels().map((m) => m.name)).toEqual(['m1']);
    expect(session.project.getResult(done.resultId).value).toEqual(done.value);
  });

  it('fits on the dataset after its recipes and the model’s subset', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    session.project.addRecipe(exam.id, { kind: 'compute', name: 'fail', expression: 'ifelse(normexam < -2, 1, 0)' });
    const jobId = startModelFit(session, exam.id, { kind: 'lm', formula: 'fail ~ standLRT', reml: true, subset: 'school != 48' });
    const outcome = await session.jobs.wait(jobId);
    expect(outcome.ok).toBe(true);
    const done = (outcome as { ok: true; value: ModelFitDone }).value;
    // R's deparse breaks the call after 60 characters, as summary() prints it.
    expect(done.value.text).toContain('lm(formula = fail ~ standLRT, data = Exam, subset = school != \n    48)');
    expect(done.value.fit.df_resid).toBe(4057 - 2);
  });

  it('fits a mixed model with progress and stores lme4’s printed summary', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const outcome = await session.jobs.wait(
      startModelFit(session, exam.id, { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true }),
    );
    expect(outcome.ok).toBe(true);
    const done = (outcome as { ok: true; value: ModelFitDone }).value;
    // The first course note's m2.
    expect(done.value.text).toContain('REML criterion at convergence: 9368.8');
    expect(done.value.text).toContain(' school   (Intercept) 0.09384  0.3063  ');
    expect(done.value.fit.REMLcrit as number).toBeCloseTo(9368.8, 1);
  });

  it('fits a glmer model in the engine process and compares two of them as lme4’s anova does', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    session.project.addRecipe(exam.id, { kind: 'compute', name: 'fail', expression: 'ifelse(normexam < -2, 1, 0)' });
    const spec: ModelSpec = { kind: 'glmer', formula: 'fail ~ standLRT + (1 | school)', reml: true, family: 'binomial' };
    const outcome = await session.jobs.wait(startModelFit(session, exam.id, spec));
    expect(outcome.ok).toBe(true);
    const done = (outcome as { ok: true; value: ModelFitDone }).value;
    expect(done.value.kind).toBe('glmer');
    expect(done.value.text).toMatch(/^Generalized linear mixed model fit by maximum likelihood \(Laplace\n {2}Approximation\) \[glmerMod\]\n Family: binomial {2}\( logit \)\n/);
    const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/lme4/exam_glmer_fail.json'), 'utf8'));
    expect(Math.abs((done.value.fit.logLik as number) / fixture.fit.logLik - 1)).toBeLessThan(1e-10);
    const bigger = await session.jobs.wait(startModelFit(session, exam.id, { ...spec, formula: 'fail ~ standLRT + sex + (1 | school)' }));
    expect(bigger.ok).toBe(true);
    const [m1, m2] = session.project.listModels();
    const compared = await session.jobs.wait(startModelsCompare(session, [m1.id, m2.id]));
    expect(compared.ok).toBe(true);
    const value = ModelsCompareDone.parse((compared as { ok: true; value: unknown }).value).value;
    expect(value.messages).toEqual([]);
    expect(value.text).toMatch(/^Data: Exam\nModels:\nm1: fail ~ standLRT \+ \(1 \| school\)\nm2: fail ~ standLRT \+ sex \+ \(1 \| school\)\n/);
  }, 60_000);

  it('reports a bad formula as the job’s error, naming the variable', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const outcome = await session.jobs.wait(startModelFit(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRTT', reml: true }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/standLRTT/);
  });
});

describe('a models comparison job', () => {
  async function fitted(session: Session, datasetId: string, spec: ModelSpec): Promise<string> {
    const outcome = await session.jobs.wait(startModelFit(session, datasetId, spec));
    expect(outcome.ok).toBe(true);
    return (outcome as { ok: true; value: ModelFitDone }).value.model.id;
  }

  it('refits m2 and m3 by ML in the engine process and stores lme4’s anova as anova(m2, m3)', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    await fitted(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    const m2 = await fitted(session, exam.id, { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true });
    const m3 = await fitted(session, exam.id, { kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true });
    const outcome = await session.jobs.wait(startModelsCompare(session, [m2, m3]));
    expect(outcome.ok).toBe(true);
    const done = ModelsCompareDone.parse((outcome as { ok: true; value: unknown }).value);
    expect(done.value.kind).toBe('anova.lmer');
    expect(done.value.messages).toContain('refitting model(s) with ML (instead of REML)');
    expect(done.value.text).toContain('m3    6 9328.9 9366.7 -4658.4   9316.9 40.372  2  1.711e-09 ***');
    expect(done.value.table.rows[1][6] as number).toBeCloseTo(40.372, 3);
    const stored = session.project.getResult(done.resultId);
    expect(stored.info).toMatchObject({ kind: 'models.compare', title: 'anova(m2, m3)', datasetId: exam.id, modelId: null });
    expect(stored.value).toEqual(done.value);
  });

  it('refuses to compare a linear model with a mixed model, naming both', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const m1 = await fitted(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    const m2 = await fitted(session, exam.id, { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true });
    expect(() => startModelsCompare(session, [m1, m2])).toThrow(/Compare linear models with linear models.*m1 \(linear model\), m2 \(mixed model\)/);
  });

  it('refuses models fitted to different subsets', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const m1 = await fitted(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    const m2 = await fitted(session, exam.id, { kind: 'lm', formula: 'normexam ~ standLRT + sex', reml: true, subset: 'school != 48' });
    expect(() => startModelsCompare(session, [m1, m2])).toThrow(/different subsets.*m1 \(all rows\), m2 \(subset school != 48\)/);
  });
});
