import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { registerElectronIpc } from '../ipc/electron-ipc';
import { RecentFiles } from '../services/recent-files';
import { projectPathFromArgs } from './launch-args';
import { installAppMenu } from './menu';
import { electronNativeBinding, missingNativeBindingMessage } from './native-sqlite';
import { appPaths, rendererLocation, setUpDataPaths } from './paths';
import { hardenApp } from './security';
import { UtilityEngineHost } from './utility-engine-host';
import { isRendererUrl } from './web-policy';
import { anyWindow, openWindow, pendingDisposals, sendMenuCommand, windowFor, type WindowDeps } from './window';

/**
 * Nestor's main process: one instance, one window, one session behind it.
 * Everything that must happen before `ready` (name, data folder, sandbox,
 * the single-instance lock) happens at the top, in that order.
 */
app.setName('Nestor');
const paths = appPaths(dirname(fileURLToPath(import.meta.url)));
const data = setUpDataPaths();
const location = rendererLocation(paths);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Nestor is running: it receives our arguments through 'second-instance' and opens the file there.
  app.quit();
} else {
  start();
}

function start(): void {
  const recent = new RecentFiles(data.recentFile);
  const engineHost = new UtilityEngineHost(paths.engineScript);
  const nativeBinding = electronNativeBinding(paths.appRoot);
  let quitRequested = false;
  /** A file named by the OS before the window existed (macOS 'open-file' at launch, or argv). */
  let pendingOpen: string | null = projectPathFromArgs(process.argv, process.cwd());
  let refreshMenu: () => void = () => undefined;

  const deps: WindowDeps = {
    paths,
    data,
    location,
    recent,
    engineHost,
    nativeBinding,
    onProjectChanged: () => refreshMenu(),
    // A quit that a dirty window held back resumes once the person has chosen; Cancel ends it.
    onCloseDecided: () => {
      if (quitRequested) setImmediate(() => app.quit());
    },
    onCloseCancelled: () => {
      quitRequested = false;
    },
  };

  registerElectronIpc(
    (contents) => windowFor(contents)?.handlers,
    (frame) => isRendererUrl(frame.url, location),
  );

  const showWindow = async (): Promise<void> => {
    const openPath = pendingOpen;
    pendingOpen = null;
    try {
      // Nestor starts on a new project with Exam loaded, unless a file was asked for or there is work to recover.
      await openWindow(deps, { sample: 'exam', openPath });
    } catch (err) {
      fail(err, nativeBinding === undefined && !app.isPackaged ? missingNativeBindingMessage(paths.appRoot) : null);
    }
  };

  const focusOrOpen = (path: string | null): void => {
    const existing = anyWindow();
    if (!existing) {
      if (path !== null) pendingOpen = path;
      if (app.isReady()) void showWindow();
      return;
    }
    if (existing.win.isMinimized()) existing.win.restore();
    existing.win.focus();
    if (path !== null) sendMenuCommand(existing.win, 'project.open', path);
  };

  app.on('second-instance', (_event, argv, workingDirectory) => focusOrOpen(projectPathFromArgs(argv, workingDirectory)));

  // macOS hands over double-clicked files this way, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    app.addRecentDocument(path);
    if (app.isReady()) focusOrOpen(path);
    else pendingOpen = path;
  });

  app.on('before-quit', () => {
    quitRequested = true;
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the Dock with no window; 'activate' opens a new one.
    if (process.platform !== 'darwin') app.quit();
  });

  // Closing a session stops its engine and removes its working copy; quitting before that would leave it for recovery.
  app.on('will-quit', (event) => {
    const waiting = pendingDisposals();
    if (!waiting) return;
    event.preventDefault();
    void waiting.then(() => app.quit());
  });

  app.whenReady().then(
    () => {
      // The session module exists only once the app is ready; no window exists before this runs.
      hardenApp(location, (contents) => windowFor(contents) !== undefined);
      refreshMenu = installAppMenu({
        isDev: !app.isPackaged,
        recent,
        target: () => BrowserWindow.getFocusedWindow() ?? anyWindow()?.win ?? null,
        send: sendMenuCommand,
      });
      // macOS: clicking the Dock icon with no window open opens a new one (registered after ready, as 'activate' also fires at launch).
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) void showWindow();
      });
      return showWindow();
    },
    (err: unknown) => fail(err, null),
  );
}

function fail(err: unknown, hint: string | null): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Nestor could not start: ${message}${hint ? `\n${hint}` : ''}`);
  dialog.showErrorBox('Nestor could not start', hint ? `${message}\n\n${hint}` : message);
  app.exit(1);
}
