import { importData, newProject, openProject, saveProject, saveProjectAs, showView } from './commands';
import { VIEWS } from './stores/app.svelte';

/**
 * Browser-host shortcuts (Electron's native menu carries its own accelerators).
 * Browsers keep a few combinations for themselves (Chromium never lets a page
 * have Ctrl+N), so every command is also in the File menu.
 */
export function handleShortcut(event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey) {
    const key = event.key.toLowerCase();
    const action =
      key === 'n' && !event.shiftKey
        ? newProject
        : key === 'o' && !event.shiftKey
          ? () => openProject()
          : key === 's'
            ? event.shiftKey
              ? saveProjectAs
              : saveProject
            : key === 'i' && !event.shiftKey
              ? importData
              : null;
    if (!action) return false;
    event.preventDefault();
    void action();
    return true;
  }
  if (event.altKey && !mod && !event.shiftKey) {
    // event.code, because Alt+digit yields other characters on some layouts (e.g. macOS).
    const match = /^Digit([1-4])$/.exec(event.code);
    if (!match) return false;
    event.preventDefault();
    showView(VIEWS[Number(match[1]) - 1].name);
    return true;
  }
  return false;
}
