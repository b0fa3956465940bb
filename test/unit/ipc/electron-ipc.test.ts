import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '@shared/bridge';
import type { Handlers } from '../../../src-main/ipc/dispatch';

vi.mock('electron', () => import('../app/fake-electron'));
const fake = await import('../app/fake-electron');
const { registerElectronIpc, sendEvent } = await import('../../../src-main/ipc/electron-ipc');

const OWN = 'file:///app/out/renderer/index.html';
const handlers = {
  'app.info': () => ({ name: 'Nestor', version: '0', host: 'electron', platform: 'linux', versions: {}, projectSchemaVersion: 1 }),
} as unknown as Handlers;

interface FakeFrame {
  url: string;
  parent: unknown;
  detached: boolean;
}
const frame = (over: Partial<FakeFrame> = {}): FakeFrame => ({ url: OWN, parent: null, detached: false, ...over });

function setup() {
  const own = new fake.FakeWebContents();
  const stranger = new fake.FakeWebContents();
  const dispose = registerElectronIpc(
    (contents) => (contents === (own as unknown) ? handlers : undefined),
    (f) => f.url === OWN,
  );
  const handler = fake.ipcMain.handlers.get(IPC_INVOKE)!;
  const invoke = (sender: unknown, senderFrame: FakeFrame | null, channel: unknown, request: unknown = {}) =>
    handler({ sender, senderFrame }, channel, request);
  return { own, stranger, invoke, dispose };
}

beforeEach(() => fake.reset());

describe('registerElectronIpc', () => {
  it("answers the window's own top-level page through dispatch", async () => {
    const { own, invoke } = setup();
    expect(await invoke(own, frame(), 'app.info')).toMatchObject({ ok: true, value: { name: 'Nestor', host: 'electron' } });
    expect(await invoke(own, frame(), 'no.such')).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await invoke(own, frame(), 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses other pages, iframes, detached or vanished frames, and windows without a session', async () => {
    const { own, stranger, invoke } = setup();
    const refusals = [
      await invoke(own, frame({ url: 'https://example.org/' }), 'app.info'),
      await invoke(own, frame({ parent: frame() }), 'app.info'),
      await invoke(own, frame({ detached: true }), 'app.info'),
      await invoke(own, null, 'app.info'),
      await invoke(stranger, frame(), 'app.info'),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The message names what was refused without echoing a local path.
    expect((refusals[0] as { error: { message: string } }).error.message).toContain('https://example.org');
  });

  it('registers one handler and removes it again', () => {
    const { dispose } = setup();
    expect([...fake.ipcMain.handlers.keys()]).toEqual([IPC_INVOKE]);
    dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});

describe('sendEvent', () => {
  it('sends { event, payload } on the event channel, and nothing to a destroyed window', () => {
    const contents = new fake.FakeWebContents();
    sendEvent(contents as never, 'menu.command', { command: 'view.plots' });
    contents.destroyed = true;
    sendEvent(contents as never, 'menu.command', { command: 'view.data' });
    expect(contents.sent).toEqual([{ channel: IPC_EVENT, message: { event: 'menu.command', payload: { command: 'view.plots' } } }]);
  });
});
