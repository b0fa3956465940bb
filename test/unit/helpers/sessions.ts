import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { openSampleAtStart } from '../../../src-main/services/datasets';
import { ChildProcessEngineHost } from '../../../src-main/services/jobs/child-process-host';
import { Session } from '../../../src-main/services/session';
import { engineScript } from '../services/jobs/engine-fixture';

const root = resolve(import.meta.dirname, '..', '..', '..');

/**
 * Browser-host sessions for a test file, each in its own work folder with a real engine
 * process (the test build of engine-process); every one made is disposed, and its folder
 * removed, after each test. `events` collects the names of the events the session emits.
 */
export function testSessions(label: string) {
  const sessions: Session[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.dispose();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  function newSession(events: string[] = []): Session {
    const workDir = mkdtempSync(join(tmpdir(), `nestor-${label}-`));
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
    return session;
  }

  /** A session whose project opens with the Exam sample, as the host's first start does. */
  async function examSession(events: string[] = []): Promise<Session> {
    const session = newSession(events);
    await openSampleAtStart(session, 'exam');
    return session;
  }

  return { newSession, examSession };
}
