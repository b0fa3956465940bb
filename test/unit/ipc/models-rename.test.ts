import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlersFor } from '../../../src-main/ipc/handlers';
import { openSampleAtStart } from '../../../src-main/services/datasets';
import { ChildProcessEngineHost } from '../../../src-main/services/jobs/child-process-host';
import { Session } from '../../../src-main/services/session';
import { engineScript } from '../services/jobs/engine-fixture';

const root = resolve(import.meta.dirname, '..', '..', '..');
const sessions: Session[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.dispose();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function examSession(events: string[]): Promise<Session> {
  const workDir = mkdtempSync(join(tmpdir(), 'nestor-rename-'));
  dirs.push(workDir);
  const session = new Session({
    workDir,
    resourcesDir: join(root, 'resources'),
    engineHost: new ChildProcessEngineHost({ script: engineScript() }),
    emit: (event) => events.push(event),
    host: 'browser',
    allowPaths: false,
  });
  sessions.push(session);
  await openSampleAtStart(session, 'exam');
  return session;
}

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
