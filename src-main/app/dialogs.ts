import { extname, join } from 'node:path';
import { app, dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions } from 'electron';
import { PROJECT_FILE_EXTENSION } from '@shared/project';
import type { Dialogs } from '../services/dialogs';

const projectFilter: FileFilter = { name: 'Nestor project', extensions: [PROJECT_FILE_EXTENSION] };
const dataFilters: FileFilter[] = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'dat', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Native open and save dialogs, attached to the window that asked (a sheet on
 * macOS, modal elsewhere) so a second request cannot open a second dialog
 * behind the first.
 */
export function electronDialogs(parent: () => BrowserWindow | null): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };

  return {
    openProject: () =>
      open({ title: 'Open Project', filters: [projectFilter], properties: ['openFile'] }),

    openData: () => open({ title: 'Import Data', filters: dataFilters, properties: ['openFile'] }),

    async saveProject(defaultName: string): Promise<string | null> {
      const win = parent();
      const options = {
        title: 'Save Project',
        defaultPath: join(app.getPath('documents'), `${safeFileName(defaultName)}.${PROJECT_FILE_EXTENSION}`),
        filters: [projectFilter],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return withProjectExtension(result.filePath);
    },
  };
}

/** Some Linux dialogs return the name exactly as typed; a project saved as "study" must still open as a project. */
function withProjectExtension(path: string): string {
  return extname(path).toLowerCase() === `.${PROJECT_FILE_EXTENSION}` ? path : `${path}.${PROJECT_FILE_EXTENSION}`;
}

/** A project name as a file name: characters no file system accepts are replaced. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file systems refuse
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim();
  return cleaned.length > 0 ? cleaned : 'Untitled';
}
