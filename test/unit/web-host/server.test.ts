import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '@shared/errors';
import { startWebHost, type WebHost } from '../../../src-main/web-host/server';
import { engineScript } from '../services/jobs/engine-fixture';

const root = resolve(__dirname, '..', '..', '..');
let host: WebHost;
let dataDir: string;
let rendererDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nestor-wh-data-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'nestor-wh-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Nestor</title>');
  host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    resourcesDir: join(root, 'resources'),
    rendererDir,
    engineScript: engineScript(),
    sample: 'exam',
    maxMessageBytes: 64 * 1024,
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

const token = (n: number) => n.toString(16).padStart(32, '0');

/** A browser tab's view of the host: invoke by id, collect pushed events. */
async function connect(sessionToken: string, origin = host.url.replace(/\/$/, '')) {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws?session=${sessionToken}`, { headers: { origin } });
  const events: Array<{ event: string; payload: unknown }> = [];
  const pending = new Map<number | null, (r: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'event') events.push(message);
    else pending.get(message.id)?.(message.result);
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  let next = 1;
  const sendRaw = (text: string, id: number | null) =>
    new Promise<Result<unknown>>((ok) => {
      pending.set(id, ok);
      ws.send(text);
    });
  return {
    ws,
    events,
    sendRaw,
    invoke: (channel: string, request: unknown = {}) => {
      const id = next++;
      return sendRaw(JSON.stringify({ type: 'invoke', id, channel, request }), id);
    },
    close: () => new Promise<void>((ok) => (ws.once('close', () => ok()), ws.close())),
  };
}

async function until<T>(check: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('browser host over HTTP', () => {
  it('serves the renderer with the content security policy', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Nestor</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const res = await fetch(host.url.replace(/\/$/, '') + path);
      expect([403, 404]).toContain(res.status);
    }
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });
});

describe('browser host over WebSocket', () => {
  it('refuses a socket from another origin or without a session token', async () => {
    const refused = (url: string, origin: string) =>
      new Promise<number>((ok) => {
        const ws = new WebSocket(url, { headers: { origin } });
        ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
        ws.on('open', () => ok(101));
        ws.on('error', () => undefined);
      });
    const base = host.url.replace('http', 'ws');
    expect(await refused(`${base}ws?session=${token(1)}`, 'https://evil.example')).toBe(403);
    expect(await refused(`${base}ws`, host.url.replace(/\/$/, ''))).toBe(403);
    expect(await refused(`${base}ws?session=not-a-token`, host.url.replace(/\/$/, ''))).toBe(403);
  });

  it('opens a new session on Exam, answers the contract and pushes job events', async () => {
    const tab = await connect(token(2));
    const state = (await tab.invoke('project.state')) as Result<{ datasets: Array<{ id: string; rows: number; columns: unknown[] }>; dirty: boolean }>;
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(state.value.dirty).toBe(false);
    expect(state.value.datasets).toHaveLength(1);
    const exam = state.value.datasets[0];
    expect(exam.rows).toBe(4059);
    expect(exam.columns).toHaveLength(10);

    const page = (await tab.invoke('datasets.page', { datasetId: exam.id, rowStart: 4058, rowCount: 5 })) as Result<{
      rowCount: number;
      columns: Array<{ name: string; cells: unknown[] }>;
    }>;
    expect(page.ok && page.value.rowCount).toBe(1);

    const started = (await tab.invoke('jobs.start', { kind: 'dataset.summary', datasetId: exam.id })) as Result<{ jobId: string }>;
    expect(started.ok).toBe(true);
    const jobId = started.ok ? started.value.jobId : '';
    const done = await until(() => tab.events.find((e) => e.event === 'job.done' && (e.payload as { id: string }).id === jobId));
    expect(done.payload).toMatchObject({ ok: true, kind: 'dataset.summary' });
    expect(tab.events.some((e) => e.event === 'job.progress')).toBe(true);
    expect(tab.events.some((e) => e.event === 'project.changed')).toBe(true);
    await tab.close();
  });

  it('answers bad messages with error values and keeps the socket open', async () => {
    const tab = await connect(token(3));
    expect(await tab.sendRaw('{not json', null)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await tab.sendRaw(JSON.stringify({ type: 'hello' }), null)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const oversized = JSON.stringify({ type: 'invoke', id: 77, channel: 'project.state', request: { pad: 'x'.repeat(70 * 1024) } });
    const tooBig = await tab.sendRaw(oversized, 77);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!tooBig.ok && tooBig.error.message).toMatch(/too large/);
    expect(await tab.invoke('datasets.page', { datasetId: 'ds-x', rowStart: -1, rowCount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    // A served host never reads or writes files named by a browser.
    expect(await tab.invoke('datasets.import', { source: { kind: 'path', path: '/etc/passwd' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await tab.invoke('project.saveAs', { target: { kind: 'path', path: '/tmp/x.nestor' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await tab.invoke('app.info')).ok).toBe(true);
    await tab.close();
  });

  it('gives a reloaded tab (same token) its project back, and a new tab its own', async () => {
    const first = await connect(token(4));
    const a = (await first.invoke('project.state')) as Result<{ id: string }>;
    await first.close();
    const again = await connect(token(4));
    const b = (await again.invoke('project.state')) as Result<{ id: string }>;
    const other = await connect(token(5));
    const c = (await other.invoke('project.state')) as Result<{ id: string }>;
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(b.value.id).toBe(a.value.id);
      expect(c.value.id).not.toBe(a.value.id);
    }
    await again.close();
    await other.close();
  });
});
