import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlersFor } from '../../../src-main/ipc/handlers';
import { testSessions } from '../helpers/sessions';

const { examSession } = testSessions('rename');

describe('the models.rename channel', () => {
  it('renames the model, answers with it and tells the windows the project changed', async () => {
    const events: string[] = [];
    const session = await examSession(events);
    const exam = session.project.listDatasets()[0];
    const m1 = session.project.addModel(exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    events.length = 0;
    const result = await dispatch(handlersFor(session), 'models.rename', { id: m1.id, name: 'random intercept' });
    expect(result).toEqual({ ok: true, value: { ...m1, name: 'random intercept' } });
    expect(events).toEqual(['project.changed']);
    expect(session.project.state().dirty).toBe(true);
  });

  it('answers a name that is too long or taken with a bad-input error value and emits nothing', async () => {
    const events: string[] = [];
    const session = await examSession(events);
    const exam = session.project.listDatasets()[0];
    const m1 = session.project.addModel(exam.id, { kind: 'lm', formula: 'normexam ~ standLRT', reml: true });
    session.project.addModel(exam.id, { kind: 'lm', formula: 'normexam ~ 1', reml: true });
    events.length = 0;
    const long = await dispatch(handlersFor(session), 'models.rename', { id: m1.id, name: 'x'.repeat(61) });
    expect(long).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('at most 60') } });
    const taken = await dispatch(handlersFor(session), 'models.rename', { id: m1.id, name: 'm2' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('already called "m2"') } });
    expect(events).toEqual([]);
    expect(session.project.listModels().map((m) => m.name)).toEqual(['m1', 'm2']);
  });
});
