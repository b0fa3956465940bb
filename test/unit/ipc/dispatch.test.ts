import { describe, expect, it, vi } from 'vitest';
import { channels } from '@shared/contract';
import { AppError } from '@shared/errors';
import { dispatch, type Handlers } from '../../../src-main/ipc/dispatch';

/** Handlers that record what reached them; every channel answers from a spy. */
function spyHandlers() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    Object.keys(channels).map((name) => [
      name,
      vi.fn((request: unknown) => {
        calls.push([name, request]);
        return { echoed: request };
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatch', () => {
  it('passes a valid request to its handler and wraps the answer as ok', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await dispatch(handlers, 'datasets.page', { datasetId: 'ds-1', rowStart: 0, rowCount: 10 });
    expect(result.ok).toBe(true);
    // Defaults from the schema are applied before the handler sees the request.
    expect(calls).toEqual([['datasets.page', { datasetId: 'ds-1', rowStart: 0, rowCount: 10, columnStart: 0, columnCount: 500 }]]);
  });

  it('answers an unknown channel with an error value and calls nothing', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await dispatch(handlers, 'fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'There is no channel named "fs.readFile".' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a wrong type', 'datasets.page', { datasetId: 'ds-1', rowStart: '0', rowCount: 10 }],
    ['a row window larger than the limit', 'datasets.page', { datasetId: 'ds-1', rowStart: 0, rowCount: 1_000_000 }],
    ['an unexpected field', 'project.state', { evil: true }],
    ['an id with path characters', 'results.get', { id: '../../etc' }],
    ['an unknown job kind', 'jobs.start', { kind: 'shell.exec', command: 'rm -rf /' }],
    ['a non-object payload', 'project.saveAs', 'C:/x.nestor'],
  ])('rejects %s before any service sees it', async (_label, channel, request) => {
    const { handlers, calls } = spyHandlers();
    const result = await dispatch(handlers, channel, request);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toContain(channel);
    }
    expect(calls).toEqual([]);
  });

  it('turns a thrown AppError into its error value, with detail', async () => {
    const { handlers } = spyHandlers();
    handlers['project.save'] = () => {
      throw new AppError('not-found', 'This project has not been saved yet.', { hint: 'saveAs' });
    };
    expect(await dispatch(handlers, 'project.save', {})).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'This project has not been saved yet.', detail: { hint: 'saveAs' } },
    });
  });

  it('turns an unexpected exception into an internal error value instead of crashing', async () => {
    const { handlers } = spyHandlers();
    handlers['project.state'] = () => {
      throw new TypeError('boom');
    };
    expect(await dispatch(handlers, 'project.state', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});
