import { isAbsolute, resolve } from 'node:path';
import { PROJECT_FILE_EXTENSION } from '@shared/project';

/**
 * The project file a launch asks Nestor to open: Windows and Linux pass a
 * double-clicked file as an argument (to the first instance, or to a second
 * one that hands its arguments over). Flags, the executable and the app path
 * are skipped; the last .nestor argument wins, as the newest request.
 */
export function projectPathFromArgs(argv: readonly string[], cwd: string): string | null {
  let found: string | null = null;
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(`.${PROJECT_FILE_EXTENSION}`)) continue;
    found = isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return found;
}
