import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/contract';

/**
 * The native menu as data (electron is imported for its types only, so the
 * structure is unit-tested without an Electron binary). Items that start a
 * flow send a command to the renderer, which owns dialogs and views; only
 * Quit, the edit/zoom roles and the external link act in main.
 */
export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools are offered only when running from source. */
  isDev: boolean;
  /** Recent project files, newest first. */
  recent: string[];
  send(command: MenuCommand, path?: string): void;
  clearRecent(): void;
  openExternal(url: string): void;
}

export const LME4_URL = 'https://cran.r-project.org/package=lme4';

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => ctx.send(cmd),
  });

  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [
      command(`About ${ctx.appName}`, 'help.about'),
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New Project', 'project.new', 'CmdOrCtrl+N'),
      command('Open…', 'project.open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentMenu(ctx) },
      { type: 'separator' },
      command('Save', 'project.save', 'CmdOrCtrl+S'),
      command('Save As…', 'project.saveAs', 'Shift+CmdOrCtrl+S'),
      { type: 'separator' },
      command('Import Data…', 'data.import', 'CmdOrCtrl+I'),
      { type: 'separator' },
      // macOS keeps Quit in the app menu and offers Close Window here instead.
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const devItems: MenuItemConstructorOptions[] = ctx.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Data', 'view.data', 'CmdOrCtrl+1'),
      command('Model', 'view.model', 'CmdOrCtrl+2'),
      command('Results', 'view.results', 'CmdOrCtrl+3'),
      command('Plots', 'view.plots', 'CmdOrCtrl+4'),
      { type: 'separator' },
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...(mac ? [] : [command(`About ${ctx.appName}`, 'help.about'), { type: 'separator' } as MenuItemConstructorOptions]),
      { label: 'Learn More about lme4', click: () => ctx.openExternal(LME4_URL) },
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    helpMenu,
  ];
}

function recentMenu(ctx: MenuContext): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] =
    ctx.recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : ctx.recent.map((path) => ({ label: recentLabel(path, ctx.platform), toolTip: path, click: () => ctx.send('project.open', path) }));
  return [...items, { type: 'separator' }, { label: 'Clear Recent', enabled: ctx.recent.length > 0, click: () => ctx.clearRecent() }];
}

/**
 * "study.nestor — /home/ann/projects": the file first, so a list of recent
 * projects reads by name; the folder tells apart files with the same name.
 * Windows and Linux menus read "&" as a mnemonic marker, so there it is doubled.
 */
export function recentLabel(path: string, platform: NodeJS.Platform): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const label = cut < 0 ? path : `${path.slice(cut + 1)} — ${path.slice(0, cut) || path.slice(0, 1)}`;
  return platform === 'darwin' ? label : label.replace(/&/g, '&&');
}
