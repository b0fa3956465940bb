import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '@shared/dataset';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlersFor } from '../../../src-main/ipc/handlers';
import { stopPreviewEngine } from '../../../src-main/services/preview';
import { Session } from '../../../src-main/services/session';
import { RecordingHost } from './jobs/engine-fixture';

const root = resolve(import.meta.dirname, '..', '..', '..');
const sessions: Session[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) {
    await stopPreviewEngine(s);
    await s.dispose();
  }
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function session(host = new RecordingHost({}, { quiet: true })) {
  const workDir = mkdtempSync(join(tmpdir(), 'nestor-preview-'));
  dirs.push(workDir);
  const s = new Session({ workDir, resourcesDir: join(root, 'resources'), engineHost: host, emit: () => undefined, host: 'browser', allowPaths: false });
  sessions.push(s);
  return { s, host, handlers: handlersFor(s) };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the datasets.preview channel', () => {
  it('previews a text file in main, from the head the page sent, without starting an engine or a job', async () => {
    const { s, host, handlers } = session();
    const jsp = readFileSync(join(root, 'resources/sample-data/jsp.txt'));
    const result = await dispatch(handlers, 'datasets.preview', { name: 'jsp.txt', base64: base64(jsp), size: jsp.length });
    expect(result.ok).toBe(true);
    const preview = (result as { value: ImportPreview }).value;
    expect(preview.delimiter).toBe('whitespace');
    expect(preview.columns.map((c) => c.kind)).toEqual(['integer', 'factor', 'factor', 'numeric', 'integer']);
    expect(host.spawned).toHaveLength(0);
    expect(s.jobs.list()).toEqual([]);
  });

  it('previews a workbook in an engine process of its own, outside the job queue, and reuses that process', async () => {
    const { s, host, handlers } = session();
    const book = readFileSync(join(root, 'test/fixtures/xlsx/types.xlsx'));
    const request = { name: 'types.xlsx', base64: base64(book), size: book.length };
    const first = await dispatch(handlers, 'datasets.preview', request);
    expect(first.ok).toBe(true);
    expect((first as { value: ImportPreview }).value.columns.map((c) => c.name)).toEqual(['id', 'score', 'group', 'passed', 'visit', 'seen']);
    const second = await dispatch(handlers, 'datasets.preview', { ...request, options: { sheet: 'Notes' } });
    expect((second as { value: ImportPreview }).value.rows).toEqual([
      ['Lyon', 10],
      ['Genève', 20],
    ]);
    expect(host.spawned).toHaveLength(1);
    expect(s.jobs.list()).toEqual([]);
  });

  it('answers an older workbook preview that a newer one replaced as cancelled', async () => {
    const { handlers } = session();
    const book = readFileSync(join(root, 'test/fixtures/xlsx/exam-200.xlsx'));
    const request = { name: 'exam-200.xlsx', base64: base64(book), size: book.length };
    const [older, newer] = await Promise.all([
      dispatch(handlers, 'datasets.preview', request),
      dispatch(handlers, 'datasets.preview', { ...request, options: { header: false } }),
    ]);
    expect(older).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect((newer as { value: ImportPreview }).value.rowsRead).toBe(201);
  });

  it('refuses requests that do not fit the contract before any file is read', async () => {
    const { handlers } = session();
    const noSize = await dispatch(handlers, 'datasets.preview', { name: 'a.csv', base64: 'YQ==' });
    expect(noSize).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const factors = await dispatch(handlers, 'datasets.preview', { name: 'a.csv', base64: 'YQ==', size: 1, options: { factors: ['a'] } });
    expect(factors).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const delimiter = await dispatch(handlers, 'datasets.preview', { name: 'a.csv', base64: 'YQ==', size: 1, options: { delimiter: '|' } });
    expect(delimiter).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
