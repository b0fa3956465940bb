import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelFitDone } from '@shared/models';
import { startModelFit, startModelsCompare } from '../../../src-main/services/models';
import { testSessions } from '../helpers/sessions';

const root = resolve(import.meta.dirname, '..', '..', '..');
const { examSession } = testSessions('lmlist');

describe('an lmList model fit job', () => {
  it('fits the course note’s m1_lst in the engine process and stores nlme’s print(m) and numbers', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const ref = JSON.parse(readFileSync(join(root, 'test/fixtures/lmlist/exam_standLRT_no48.json'), 'utf8'));
    const outcome = await session.jobs.wait(
      startModelFit(session, exam.id, { kind: 'lmList', formula: 'normexam ~ standLRT|school', reml: true, subset: 'school != 48' }),
    );
    expect(outcome.ok).toBe(true);
    const done = (outcome as { ok: true; value: ModelFitDone }).value;
    expect(done.model).toMatchObject({ name: 'm1', spec: { kind: 'lmList', formula: 'normexam ~ standLRT|school' } });
    expect(done.value.formula).toBe('normexam ~ standLRT | school');
    expect(done.value.text).toBe(ref.print);
    const fit = done.value.fit as { groups: string[]; coef: number[][]; upper: number[][] };
    expect(fit.groups).toEqual(ref.groups);
    expect(fit.coef[0][1]).toBeCloseTo(0.7093415, 7);
    expect(fit.upper[63][1]).toBeCloseTo(ref.upper[63][1], 12);
    expect(session.project.getResult(done.resultId).value).toEqual(done.value);
  });

  it('says in the job’s error why a numeric grouping variable is refused', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const outcome = await session.jobs.wait(startModelFit(session, exam.id, { kind: 'lmList', formula: 'normexam ~ sex | standLRT', reml: true }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/^The grouping variable standLRT holds numbers that are not whole/);
  });

  it('is not compared by anova(), with the reason', async () => {
    const session = await examSession();
    const exam = session.project.listDatasets()[0];
    const ids: string[] = [];
    for (const formula of ['normexam ~ standLRT | school', 'normexam ~ 1 | school']) {
      const outcome = await session.jobs.wait(startModelFit(session, exam.id, { kind: 'lmList', formula, reml: true }));
      ids.push((outcome as { ok: true; value: ModelFitDone }).value.model.id);
    }
    expect(() => startModelsCompare(session, ids)).toThrow('m1 (lmList), m2 (lmList): lmList fits (one regression per group) are not compared with anova()');
  });
});
