import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/**
 * The better-sqlite3 addon built for Electron's ABI, for unpackaged runs
 * (`npm start`, `npm run dev`, the Electron e2e test). node_modules keeps the
 * copy built for Node, which the unit tests and the browser host load; a
 * second copy built by scripts/electron-native.mjs lives under
 * .electron-native/ so neither build ever overwrites the other.
 *
 * Packaged apps return undefined: electron-builder rebuilds node_modules for
 * Electron when packaging, and better-sqlite3 finds that addon itself.
 */
export function electronNativeBinding(appRoot: string): string | undefined {
  if (app.isPackaged) return undefined;
  const addon = join(appRoot, ...ELECTRON_NATIVE_ADDON);
  return existsSync(addon) ? addon : undefined;
}

/** Path of the Electron build of the addon, relative to the repo root (also written by scripts/electron-native.mjs). */
export const ELECTRON_NATIVE_ADDON = ['.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];

/** Said when an unpackaged run has no Electron build of the addon: the store would otherwise fail with an ABI mismatch deep inside SQLite. */
export function missingNativeBindingMessage(appRoot: string): string {
  return (
    `Nestor needs better-sqlite3 built for Electron, expected at ${join(appRoot, ...ELECTRON_NATIVE_ADDON)}.\n` +
    'Run `node scripts/electron-native.mjs` (npm start and npm run dev do this first).'
  );
}
