import { BrowserWindow, dialog, type WebContents } from 'electron';
import type { MenuCommand } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { ProjectState } from '@shared/project';
import type { Handlers } from '../ipc/dispatch';
import { handlersFor } from '../ipc/handlers';
import { sendEvent } from '../ipc/electron-ipc';
import { openSampleAtStart } from '../services/datasets';
import type { EngineHost } from '../services/jobs/engine-host';
import type { RecentFiles } from '../services/recent-files';
import { Session, type Emit } from '../services/session';
import { electronDialogs } from './dialogs';
import type { AppPaths, DataPaths } from './paths';
import { rendererEntryUrl, type RendererLocation } from './web-policy';

export interface WindowDeps {
  paths: AppPaths;
  data: DataPaths;
  location: RendererLocation;
  recent: RecentFiles;
  engineHost: EngineHost;
  nativeBinding?: string;
  /** After any project change: the menu's Open Recent may need rebuilding. */
  onProjectChanged(): void;
  /** The person chose to close (saved or discarded) after Nestor had held the close back to ask. */
  onCloseDecided(): void;
  /** The person cancelled closing. */
  onCloseCancelled(): void;
}

export interface OpenOptions {
  /** Sample loaded into the new project before the window shows it; null for an empty project. */
  sample: string | null;
  /** A project file to open once the renderer is up (asked through the renderer, which owns the open flow). */
  openPath: string | null;
}

export interface NestorWindow {
  win: BrowserWindow;
  session: Session;
  handlers: Handlers;
}

/** Nestor's windows by WebContents id: how IPC finds the session behind a request. */
const windows = new Map<number, NestorWindow>();
/** Sessions still shutting down (jobs stopping, working copy being removed); quitting waits for them. */
const disposing = new Set<Promise<void>>();

export function windowFor(contents: WebContents): NestorWindow | undefined {
  const entry = windows.get(contents.id);
  return entry && !entry.win.isDestroyed() && entry.win.webContents === contents ? entry : undefined;
}

export function anyWindow(): NestorWindow | undefined {
  return windows.values().next().value;
}

export function pendingDisposals(): Promise<unknown> | null {
  return disposing.size === 0 ? null : Promise.allSettled([...disposing]);
}

export function sendMenuCommand(win: BrowserWindow, command: MenuCommand, path?: string): void {
  sendEvent(win.webContents, 'menu.command', path === undefined ? { command } : { command, path });
}

/**
 * One window and its session. The window is created hidden, the sample (if
 * any) is loaded into the project first, and the window shows once the
 * renderer has painted, so the first thing a person sees is the data grid.
 */
export async function openWindow(deps: WindowDeps, options: OpenOptions): Promise<NestorWindow> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Nestor',
    icon: process.platform === 'darwin' ? undefined : deps.paths.windowIcon,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: deps.paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contentsId = win.webContents.id;

  const emit: Emit = (event, payload) => {
    // Jobs stopping while the session closes still report; the window may already be gone.
    if (win.isDestroyed()) return;
    sendEvent(win.webContents, event, payload);
    if (event === 'project.changed') {
      showProjectInTitle(win, payload as ProjectState);
      deps.onProjectChanged();
    }
  };

  let session: Session;
  try {
    session = new Session({
      workDir: deps.data.workDir,
      resourcesDir: deps.paths.resourcesDir,
      engineHost: deps.engineHost,
      emit,
      host: 'electron',
      dialogs: electronDialogs(() => (win.isDestroyed() ? null : win)),
      recentFiles: deps.recent,
      allowPaths: true,
      nativeBinding: deps.nativeBinding,
    });
  } catch (err) {
    win.destroy();
    throw err;
  }
  const entry: NestorWindow = { win, session, handlers: handlersFor(session) };
  windows.set(contentsId, entry);

  // The renderer sets document.title; the window keeps naming the project instead.
  win.on('page-title-updated', (event) => event.preventDefault());
  showProjectInTitle(win, session.project.state());
  guardClose(entry, deps);
  win.on('closed', () => {
    windows.delete(contentsId);
    const done = session.dispose().catch((err: unknown) => console.error(`Nestor could not close the project cleanly: ${String(err)}`));
    disposing.add(done);
    void done.finally(() => disposing.delete(done));
  });
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    console.error(`Nestor's window stopped (${details.reason}, exit code ${details.exitCode}).`);
    // The project lives in main, so a reload loses nothing but the view's state; a window that keeps crashing is left alone.
    if (Date.now() - lastCrash > 10_000) win.webContents.reload();
    lastCrash = Date.now();
  });
  win.once('ready-to-show', () => win.show());

  if (options.openPath === null && options.sample !== null && session.recoverable().length === 0) {
    await openSampleAtStart(session, options.sample);
  }
  if (options.openPath !== null) {
    const path = options.openPath;
    win.webContents.once('did-finish-load', () => sendMenuCommand(win, 'project.open', path));
  }
  if (!win.isDestroyed()) await loadRenderer(win, deps.location, deps.paths.rendererIndex);
  return entry;
}

async function loadRenderer(win: BrowserWindow, location: RendererLocation, rendererIndex: string): Promise<void> {
  try {
    if (location.devServerUrl !== null) await win.loadURL(rendererEntryUrl(location));
    else await win.loadFile(rendererIndex);
  } catch (err) {
    // A missing build is the usual cause; say which file, not just "ERR_FILE_NOT_FOUND".
    const where = location.devServerUrl ?? rendererIndex;
    console.error(`Nestor could not load its window from ${where}: ${String(err)}`);
    if (!win.isDestroyed()) {
      dialog.showErrorBox('Nestor could not start', `The window could not be loaded from ${where}.\nRun \`npm run build\` and start Nestor again.`);
      win.destroy();
    }
  }
}

function showProjectInTitle(win: BrowserWindow, state: ProjectState): void {
  if (win.isDestroyed()) return;
  const mac = process.platform === 'darwin';
  // macOS shows unsaved changes as a dot in the close button; elsewhere the title carries it.
  win.setTitle(`Nestor — ${state.name}${state.dirty && !mac ? ' •' : ''}`);
  if (mac) {
    win.setDocumentEdited(state.dirty);
    win.setRepresentedFilename(state.path ?? '');
  }
}

/**
 * Closing a window with unsaved changes asks Save / Don't Save / Cancel.
 * Don't Save closes, and the session's dispose removes the working copy, so
 * the discarded changes are not offered for recovery next time.
 */
function guardClose({ win, session }: NestorWindow, deps: WindowDeps): void {
  let decided = false;
  let asking = false;

  win.on('close', (event) => {
    if (decided) return;
    if (!isDirty(session)) {
      decided = true;
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    void ask().finally(() => (asking = false));
  });

  async function ask(): Promise<void> {
    const state = session.project.state();
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: `Do you want to save the changes to “${state.name}”?`,
      detail: "Your changes will be lost if you don't save them.",
    });
    if (response === 2 || (response === 0 && !(await saveForClose(win, session)))) {
      deps.onCloseCancelled();
      return;
    }
    decided = true;
    deps.onCloseDecided();
    if (!win.isDestroyed()) win.close();
  }
}

function isDirty(session: Session): boolean {
  try {
    return session.project.state().dirty;
  } catch {
    // A project that cannot even report its state cannot be saved either; asking would only trap the window open.
    return false;
  }
}

/** Saves before closing; false when the person cancelled the Save dialog or the save failed (then the window stays). */
async function saveForClose(win: BrowserWindow, session: Session): Promise<boolean> {
  try {
    if (session.project.state().path !== null) session.save();
    else await session.saveAs({ kind: 'dialog' });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'cancelled') return false;
    const message = err instanceof Error ? err.message : String(err);
    if (!win.isDestroyed()) await dialog.showMessageBox(win, { type: 'error', message: 'The project could not be saved.', detail: message });
    return false;
  }
}
