import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { vi } from 'vitest';

/**
 * Just enough of Electron's main-process API, with Electron's documented
 * semantics, for the window and IPC glue to run under Node (the Electron
 * binary is not installed where the unit tests run). Windows record what
 * was done to them; dialogs answer what a test queues.
 */
let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: { channel: string; message: unknown }[] = [];
  destroyed = false;
  reloads = 0;

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    this.reloads++;
  }
  /** The events the renderer received, as { event, payload }. */
  events(): { event: string; payload: unknown }[] {
    return this.sent.map((s) => s.message as { event: string; payload: unknown });
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  title = '';
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): BrowserWindow | null {
    return null;
  }
  async loadFile(path: string): Promise<void> {
    this.loaded.push(`file:${path}`);
    this.emit('ready-to-show');
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.emit('ready-to-show');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  show(): void {}
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  setDocumentEdited(): void {}
  setRepresentedFilename(): void {}
}

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 2, checkboxChecked: false })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showErrorBox: vi.fn(),
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const app = {
  isPackaged: false,
  name: 'Nestor',
  getPath: (_name: string) => tmpdir(),
};

export function reset(): void {
  BrowserWindow.all = [];
  ipcMain.handlers.clear();
  dialog.showMessageBox.mockReset();
  dialog.showSaveDialog.mockReset();
  dialog.showOpenDialog.mockReset();
  dialog.showErrorBox.mockReset();
}
