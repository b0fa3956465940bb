import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import WebSocket from 'ws';

/**
 * Setting up a test's project through the browser host's contract instead of
 * the UI: a WebSocket in a session the page then joins (the token a tab keeps
 * in localStorage), so the page sees what was fitted here.
 */
export function newSessionToken(): string {
  return randomBytes(16).toString('hex');
}

/** Makes the page join the session `token` when it loads. */
export async function joinSession(page: Page, token: string): Promise<void> {
  // Node's typecheck has no DOM library, hence the cast.
  type StorageGlobals = { localStorage: { setItem(key: string, value: string): void } };
  await page.addInitScript((t) => (globalThis as unknown as StorageGlobals).localStorage.setItem('nestor.session', t), token);
}

type WireResult = { ok: boolean; value?: unknown; error?: { message: string } };

export async function contractSession(url: string, token: string) {
  const base = new URL(url);
  const ws = new WebSocket(`ws://${base.host}/ws?session=${token}`, { headers: { Origin: base.origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, (result: WireResult) => void>();
  const done = new Map<string, (payload: WireResult) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'result') pending.get(message.id)?.(message.result);
    if (message.type === 'event' && message.event === 'job.done') done.get(message.payload.id)?.(message.payload);
  });
  const invoke = async <T>(channel: string, request: unknown): Promise<T> => {
    const id = ++nextId;
    const result = await new Promise<WireResult>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
    });
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value as T;
  };
  const whenDone = (jobId: string) => new Promise<WireResult>((resolve) => done.set(jobId, resolve));
  return { invoke, whenDone, close: () => ws.close() };
}

/** Fits each model on the Exam sample in the session `token`, one after the other, and expects every fit to succeed. */
export async function fitOnExam(url: string, token: string, specs: { kind: string; formula: string; reml: boolean; subset?: string }[]): Promise<void> {
  const session = await contractSession(url, token);
  const state = await session.invoke<{ datasets: { id: string; name: string }[] }>('project.state', {});
  const exam = state.datasets.find((d) => d.name === 'Exam');
  expect(exam, 'the host opens with Exam').toBeDefined();
  for (const spec of specs) {
    const { jobId } = await session.invoke<{ jobId: string }>('jobs.start', { kind: 'model.fit', datasetId: exam!.id, spec });
    const outcome = await session.whenDone(jobId);
    expect(outcome.ok, `${spec.formula}: ${outcome.error?.message ?? ''}`).toBe(true);
  }
  session.close();
}
