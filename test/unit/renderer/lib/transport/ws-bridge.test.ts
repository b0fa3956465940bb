import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WsBridge, type ConnectionInfo, type SocketHandlers } from '../../../../../src-renderer/lib/transport/ws-bridge';

/** A socket the test drives: it records what was sent and opens/closes on command. */
class FakeSocket {
  sent: { type: string; id: number; channel: string; request: unknown }[] = [];
  open = false;
  constructor(
    readonly url: string,
    readonly handlers: SocketHandlers,
  ) {}
  isOpen = () => this.open;
  send = (data: string) => void this.sent.push(JSON.parse(data));
  close = () => this.drop();
  accept() {
    this.open = true;
    this.handlers.open();
  }
  drop() {
    this.open = false;
    this.handlers.close();
  }
  reply(id: number, result: unknown) {
    this.handlers.message(JSON.stringify({ type: 'result', id, result }));
  }
  push(event: string, payload: unknown) {
    this.handlers.message(JSON.stringify({ type: 'event', event, payload }));
  }
}

function setup(sendTimeoutMs = 15_000) {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionInfo[] = [];
  const bridge = new WsBridge({
    url: 'ws://host/ws?session=abc',
    connect: (url, handlers) => {
      const s = new FakeSocket(url, handlers);
      sockets.push(s);
      return s;
    },
    onStatus: (info) => statuses.push(info),
    sendTimeoutMs,
  });
  return { bridge, sockets, statuses };
}

describe('WsBridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends invoke messages once connected and resolves them with the matching result', async () => {
    const { bridge, sockets } = setup();
    const info = bridge.invoke('app.info', {});
    expect(sockets[0].sent).toEqual([]); // queued until the socket opens
    sockets[0].accept();
    expect(sockets[0].sent).toEqual([{ type: 'invoke', id: 1, channel: 'app.info', request: {} }]);
    const state = bridge.invoke('project.state', {});
    sockets[0].reply(2, { ok: false, error: { code: 'internal', message: 'second' } });
    sockets[0].reply(1, { ok: true, value: { name: 'Nestor' } });
    expect(await info).toEqual({ ok: true, value: { name: 'Nestor' } });
    expect(await state).toEqual({ ok: false, error: { code: 'internal', message: 'second' } });
  });

  it('delivers pushed events to listeners until they unsubscribe', () => {
    const { bridge, sockets } = setup();
    sockets[0].accept();
    const seen: unknown[] = [];
    const off = bridge.on('job.progress', (p) => seen.push(p));
    sockets[0].push('job.progress', { id: 'job-1', fraction: 0.5, message: 'half' });
    off();
    sockets[0].push('job.progress', { id: 'job-1', fraction: 1, message: 'all' });
    expect(seen).toEqual([{ id: 'job-1', fraction: 0.5, message: 'half' }]);
  });

  it('fails requests in flight when the socket drops, then reconnects with growing delays', async () => {
    const { bridge, sockets, statuses } = setup();
    sockets[0].accept();
    const pending = bridge.invoke('jobs.list', {});
    sockets[0].drop();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('io');
    expect(!result.ok && result.error.message).toContain('"jobs.list"');
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1, retryInMs: 250 });

    vi.advanceTimersByTime(250);
    expect(sockets.length).toBe(2);
    sockets[1].drop(); // the server is still down
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 2, retryInMs: 500 });
    vi.advanceTimersByTime(500);
    expect(sockets[2].url).toBe('ws://host/ws?session=abc');
    sockets[2].accept();
    expect(statuses.at(-1)).toEqual({ status: 'open', attempt: 0, retryInMs: null, epoch: 2 });
  });

  it('sends a request made while disconnected once the connection is back', async () => {
    const { bridge, sockets } = setup();
    sockets[0].accept();
    sockets[0].drop();
    const later = bridge.invoke('project.state', {});
    vi.advanceTimersByTime(250);
    sockets[1].accept();
    expect(sockets[1].sent.map((m) => m.channel)).toEqual(['project.state']);
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: 'state' });
    expect(await later).toEqual({ ok: true, value: 'state' });
  });

  it('gives up on an unsent request after the send timeout', async () => {
    const { bridge } = setup(1000);
    const request = bridge.invoke('app.info', {});
    vi.advanceTimersByTime(1000);
    const result = await request;
    expect(!result.ok && result.error.message).toBe('Could not reach the Nestor server within 1 s to send "app.info".');
  });
});
