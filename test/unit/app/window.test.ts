import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '@shared/bridge';
import type { DatasetInfo } from '@shared/dataset';
import { RecentFiles } from '../../../src-main/services/recent-files';
import { RecordingHost } from '../services/jobs/engine-fixture';

vi.mock('electron', () => import('./fake-electron'));
const fake = await import('./fake-electron');
const { openWindow, windowFor, pendingDisposals } = await import('../../../src-main/app/window');
const { registerElectronIpc } = await import('../../../src-main/ipc/electron-ipc');
const { isRendererUrl } = await import('../../../src-main/app/web-policy');

const repoRoot = join(__dirname, '..', '..', '..');
let dir: string;
const decisions: string[] = [];

function deps() {
  const location = { fileUrl: 'file:///app/out/renderer/index.html', devServerUrl: null, caseInsensitivePaths: false };
  return {
    paths: {
      appRoot: repoRoot,
      preload: '/app/out/preload/index.cjs',
      rendererIndex: '/app/out/renderer/index.html',
      engineScript: 'unused: the test passes its own engine host',
      resourcesDir: join(repoRoot, 'resources'),
      windowIcon: '/app/resources/icons/icon.png',
    },
    data: { dataDir: dir, workDir: join(dir, 'working'), recentFile: join(dir, 'recent.json') },
    location,
    recent: new RecentFiles(join(dir, 'recent.json')),
    engineHost: new RecordingHost({}, { quiet: true }),
    onProjectChanged: () => decisions.push('changed'),
    onCloseDecided: () => decisions.push('decided'),
    onCloseCancelled: () => decisions.push('cancelled'),
  };
}

async function settle(): Promise<void> {
  await pendingDisposals();
}

beforeEach(() => {
  fake.reset();
  decisions.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'nestor-window-'));
});
afterEach(async () => {
  for (const w of fake.BrowserWindow.all) w.destroy();
  await settle();
  rmSync(dir, { recursive: true, force: true });
});

describe('openWindow', () => {
  it('opens a hardened window on a new project with Exam loaded, then loads the built renderer', async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    const win = entry.win as unknown as InstanceType<typeof fake.BrowserWindow>;
    expect(win.options).toMatchObject({
      width: 1400,
      height: 900,
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/out/preload/index.cjs' },
    });
    expect(win.loaded).toEqual(['file:/app/out/renderer/index.html']);
    const datasets: DatasetInfo[] = entry.session.project.listDatasets();
    expect(datasets.map((d) => [d.name, d.rows])).toEqual([['Exam', 4059]]);
    // The sample just loaded is a starting point, not an unsaved change.
    expect(win.getTitle()).toBe('Nestor — Untitled');
    // Linux and Windows show unsaved changes in the title.
    makeChange(entry);
    expect(win.getTitle()).toBe(process.platform === 'darwin' ? 'Nestor — Untitled' : 'Nestor — Untitled •');
    expect(windowFor(win.webContents as never)).toBe(entry);
  });

  it('answers IPC from its page with its own session, and refuses the same request from another page', async () => {
    const d = deps();
    const entry = await openWindow(d, { sample: 'exam', openPath: null });
    registerElectronIpc((c) => windowFor(c)?.handlers, (f) => isRendererUrl(f.url, d.location));
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE)!;
    const sender = entry.win.webContents;
    const ok = await handler({ sender, senderFrame: { url: d.location.fileUrl, parent: null, detached: false } }, 'datasets.list', {});
    expect(ok).toMatchObject({ ok: true, value: [{ name: 'Exam', rows: 4059 }] });
    const refused = await handler({ sender, senderFrame: { url: 'file:///tmp/evil.html', parent: null, detached: false } }, 'datasets.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('skips the sample when asked to open a file, and asks the renderer to open it once loaded', async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: '/home/ann/study.nestor' });
    expect(entry.session.project.listDatasets()).toEqual([]);
    const contents = entry.win.webContents as unknown as InstanceType<typeof fake.FakeWebContents>;
    contents.emit('did-finish-load');
    expect(contents.events().filter((e) => e.event === 'menu.command')).toEqual([
      { event: 'menu.command', payload: { command: 'project.open', path: '/home/ann/study.nestor' } },
    ]);
  });
});

/** Any real change to the project, so that closing has something to lose. */
function makeChange(entry: Awaited<ReturnType<typeof openWindow>>): void {
  entry.session.project.addResult({ kind: 'note', title: 'A change', datasetId: null, value: { text: 'unsaved' } });
  entry.session.changed();
}

describe('closing a window with unsaved changes', () => {
  it("Cancel keeps the window and its project", async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    makeChange(entry);
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
    entry.win.close();
    await vi.waitFor(() => expect(decisions).toContain('cancelled'));
    expect(entry.win.isDestroyed()).toBe(false);
    expect(fake.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({ buttons: ['Save', "Don't Save", 'Cancel'], cancelId: 2 });
  });

  it("Don't Save closes and discards the working copy, so nothing is offered for recovery", async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    makeChange(entry);
    expect(readdirSync(join(dir, 'working')).length).toBeGreaterThan(0);
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    entry.win.close();
    await vi.waitFor(() => expect(entry.win.isDestroyed()).toBe(true));
    await settle();
    expect(decisions).toContain('decided');
    expect(windowFor(entry.win.webContents as never)).toBeUndefined();
    expect(readdirSync(join(dir, 'working'))).toEqual([]);
  });

  it('Save on an untitled project asks where, writes the file, then closes', async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    makeChange(entry);
    const target = join(dir, 'study');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    entry.win.close();
    await vi.waitFor(() => expect(entry.win.isDestroyed()).toBe(true));
    await settle();
    // The extension is added when a dialog returns the name as typed.
    expect(existsSync(`${target}.nestor`)).toBe(true);
    expect(new RecentFiles(join(dir, 'recent.json')).list()).toEqual([`${target}.nestor`]);
  });

  it('Save whose dialog is cancelled keeps the window open', async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    makeChange(entry);
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    entry.win.close();
    await vi.waitFor(() => expect(decisions).toContain('cancelled'));
    expect(entry.win.isDestroyed()).toBe(false);
  });

  it('a project without changes closes without asking', async () => {
    const entry = await openWindow(deps(), { sample: null, openPath: null });
    entry.win.close();
    expect(entry.win.isDestroyed()).toBe(true);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('the first-start project with only the sample loaded closes without asking', async () => {
    const entry = await openWindow(deps(), { sample: 'exam', openPath: null });
    entry.win.close();
    expect(entry.win.isDestroyed()).toBe(true);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
