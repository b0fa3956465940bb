import { app, Menu, shell, type BrowserWindow } from 'electron';
import type { MenuCommand } from '@shared/contract';
import type { RecentFiles } from '../services/recent-files';
import { menuTemplate } from './menu-template';

export interface AppMenuOptions {
  isDev: boolean;
  recent: RecentFiles;
  /** The window a command is for: the focused one, else Nestor's window. */
  target: () => BrowserWindow | null;
  send: (win: BrowserWindow, command: MenuCommand, path?: string) => void;
}

/**
 * Installs the application menu and returns a function that rebuilds it when
 * the recent-files list has changed. Open Recent is part of the template, and
 * the list changes after a project is opened or saved, or the list is cleared.
 */
export function installAppMenu(options: AppMenuOptions): () => void {
  let shown: string | null = null;
  const refresh = (): void => {
    const recent = options.recent.list();
    // Most project changes leave the list as it was; rebuilding anyway would close a menu the person has open.
    const key = JSON.stringify(recent);
    if (key === shown) return;
    shown = key;
    const template = menuTemplate({
      platform: process.platform,
      appName: app.name,
      isDev: options.isDev,
      recent,
      send: (command, path) => {
        const win = options.target();
        if (win && !win.isDestroyed()) options.send(win, command, path);
      },
      clearRecent: () => {
        options.recent.clear();
        app.clearRecentDocuments();
        refresh();
      },
      openExternal: (url) => {
        shell.openExternal(url).catch((err: unknown) => console.error(`Nestor could not open ${url}: ${String(err)}`));
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  refresh();
  return refresh;
}
