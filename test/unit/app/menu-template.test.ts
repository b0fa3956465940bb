import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/contract';
import { LME4_URL, menuTemplate, recentLabel, type MenuContext } from '../../../src-main/app/menu-template';

function context(overrides: Partial<MenuContext> = {}) {
  const sent: { command: MenuCommand; path?: string }[] = [];
  const opened: string[] = [];
  let cleared = 0;
  const ctx: MenuContext = {
    platform: 'linux',
    appName: 'Nestor',
    isDev: false,
    recent: [],
    send: (command, path) => sent.push(path === undefined ? { command } : { command, path }),
    clearRecent: () => void cleared++,
    openExternal: (url) => void opened.push(url),
    ...overrides,
  };
  return { ctx, sent, opened, cleared: () => cleared };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as unknown as () => void)();

describe('menuTemplate', () => {
  it('has File, Edit, View, Help on Linux and Windows, with Quit in File', () => {
    const menu = menuTemplate(context().ctx);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(submenu(menu[0]).at(-1)).toEqual({ role: 'quit' });
  });

  it('puts the app menu first on macOS, with About and Quit there', () => {
    const menu = menuTemplate(context({ platform: 'darwin' }).ctx);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Nestor', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    const appItems = submenu(menu[0]);
    expect(appItems[0].label).toBe('About Nestor');
    expect(appItems.at(-1)).toEqual({ role: 'quit' });
    expect(submenu(menu[1]).at(-1)).toEqual({ role: 'close' });
    expect(submenu(menu[5]).map((i) => i.label)).toEqual(['Learn More about lme4']);
  });

  it('sends each File command to the renderer with its accelerator', () => {
    const { ctx, sent } = context();
    const file = submenu(menuTemplate(ctx)[0]);
    const expected: [string, MenuCommand, string][] = [
      ['New Project', 'project.new', 'CmdOrCtrl+N'],
      ['Open…', 'project.open', 'CmdOrCtrl+O'],
      ['Save', 'project.save', 'CmdOrCtrl+S'],
      ['Save As…', 'project.saveAs', 'Shift+CmdOrCtrl+S'],
      ['Import Data…', 'data.import', 'CmdOrCtrl+I'],
    ];
    for (const [label, , accelerator] of expected) {
      const item = byLabel(file, label);
      expect(item?.accelerator).toBe(accelerator);
      click(item);
    }
    expect(sent).toEqual(expected.map(([, command]) => ({ command })));
  });

  it('switches views with CmdOrCtrl+1..4 and offers developer tools only in development', () => {
    const { ctx, sent } = context();
    const view = submenu(menuTemplate(ctx)[2]);
    const views = ['Data', 'Model', 'Results', 'Plots'].map((label) => byLabel(view, label));
    expect(views.map((v) => v?.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4']);
    views.forEach(click);
    expect(sent.map((s) => s.command)).toEqual(['view.data', 'view.model', 'view.results', 'view.plots']);
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(view.filter((i) => i.role).map((i) => i.role)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);

    const devView = submenu(menuTemplate(context({ isDev: true }).ctx)[2]);
    expect(devView.filter((i) => i.role).map((i) => i.role)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('Edit is made of roles only', () => {
    const edit = submenu(menuTemplate(context().ctx)[1]).filter((i) => i.type !== 'separator');
    expect(edit.map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('Open Recent opens the chosen file through the renderer and can be cleared', () => {
    const { ctx, sent, cleared } = context({ recent: ['/home/ann/study.nestor', '/home/ann/old/pilot.nestor'] });
    const recent = submenu(byLabel(submenu(menuTemplate(ctx)[0]), 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual([
      'study.nestor — /home/ann',
      'pilot.nestor — /home/ann/old',
      'separator',
      'Clear Recent',
    ]);
    click(recent[1]);
    expect(sent).toEqual([{ command: 'project.open', path: '/home/ann/old/pilot.nestor' }]);
    expect(recent[3].enabled).toBe(true);
    click(recent[3]);
    expect(cleared()).toBe(1);
  });

  it('says so when there are no recent projects', () => {
    const recent = submenu(byLabel(submenu(menuTemplate(context().ctx)[0]), 'Open Recent'));
    expect(recent[0]).toEqual({ label: 'No Recent Projects', enabled: false });
    expect(recent.at(-1)?.enabled).toBe(false);
  });

  it('Help sends About and opens lme4 on CRAN in the browser', () => {
    const { ctx, sent, opened } = context();
    const help = submenu(menuTemplate(ctx)[3]);
    click(byLabel(help, 'About Nestor'));
    click(byLabel(help, 'Learn More about lme4'));
    expect(sent).toEqual([{ command: 'help.about' }]);
    expect(opened).toEqual([LME4_URL]);
    expect(LME4_URL).toBe('https://cran.r-project.org/package=lme4');
  });
});

describe('recentLabel', () => {
  it('shows the file name first, then its folder', () => {
    expect(recentLabel('C:\\Users\\ann\\study.nestor', 'win32')).toBe('study.nestor — C:\\Users\\ann');
    expect(recentLabel('/study.nestor', 'linux')).toBe('study.nestor — /');
  });

  it('doubles & where menus read it as a mnemonic, and only there', () => {
    expect(recentLabel('/data/R&D.nestor', 'linux')).toBe('R&&D.nestor — /data');
    expect(recentLabel('/data/R&D.nestor', 'darwin')).toBe('R&D.nestor — /data');
  });
});
