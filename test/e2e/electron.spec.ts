import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

/**
 * The desktop app itself, driven through Playwright's Electron support: it
 * runs wherever an Electron binary is installed, and elsewhere says it was
 * skipped and why (CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function electronBinary(): string | null {
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function skipReason(binary: string | null): string | null {
  if (!binary) {
    return 'Electron binary not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1) — run node node_modules/electron/install.js to get it';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron on this Linux machine — run the e2e tests under xvfb-run';
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return 'the app is not built — run npm run build first';
  return null;
}

/** What the tests read of the page's globals (node code is typechecked without the DOM library). */
interface PageGlobals {
  nestor: { invoke(channel: string, request: unknown): Promise<unknown> };
  document: { createElement(tag: 'script'): { textContent: string }; head: { appendChild(node: unknown): void } };
  open(url: string): unknown;
  [name: string]: unknown;
}

const binary = electronBinary();
const reason = skipReason(binary);
if (reason) console.log(`Electron e2e skipped: ${reason}`);

test.describe('Electron app', () => {
  test.skip(reason !== null, reason ?? '');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    // First run only: better-sqlite3 for Electron's ABI (scripts/electron-native.mjs skips when it is up to date).
    test.setTimeout(10 * 60_000);
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], { cwd: root, stdio: 'inherit' });
    expect(built.status, 'scripts/electron-native.mjs must build better-sqlite3 for Electron').toBe(0);

    dataDir = mkdtempSync(join(tmpdir(), 'nestor-electron-e2e-'));
    app = await electron.launch({
      executablePath: binary!,
      // Chromium refuses to start as root with its OS sandbox; the renderer's own sandbox (no Node in the page) still applies.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
      cwd: root,
      env: { ...process.env, NESTOR_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' } as Record<string, string>,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one window on a new project with the Exam sample loaded', async () => {
    await expect(page.locator('body')).toContainText('4,059', { timeout: 30_000 });
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(title).toHaveLength(1);
    expect(title[0]).toContain('Nestor');
  });

  test('the page gets exactly invoke and on, and no Node', async () => {
    const exposed = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return {
        keys: Object.keys(w.nestor).sort(),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
      };
    });
    expect(exposed).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('requests go through the contract and come back as values', async () => {
    const answers = await page.evaluate(async () => {
      const nestor = (globalThis as unknown as PageGlobals).nestor;
      return {
        info: await nestor.invoke('app.info', {}),
        unknown: await nestor.invoke('no.such.channel', {}),
        invalid: await nestor.invoke('datasets.page', { datasetId: '../etc' }),
      };
    });
    expect(answers.info).toMatchObject({ ok: true, value: { name: 'Nestor', host: 'electron' } });
    expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(answers.invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  test('inline scripts and new windows are refused', async () => {
    const outcome = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const script = w.document.createElement('script');
      script.textContent = 'window.__nestorInlineRan = true;';
      w.document.head.appendChild(script);
      const opened = w.open('https://example.org/');
      return { inlineRan: w.__nestorInlineRan === true, opened: opened !== null };
    });
    expect(outcome).toEqual({ inlineRan: false, opened: false });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
