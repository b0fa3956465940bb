import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app } from 'electron';
import type { RendererLocation } from './web-policy';

/**
 * Where the app's files are. Everything is found from the main bundle's
 * location (out/main/index.js), which is the same relative layout in the repo
 * and inside app.asar, and does not depend on how Electron was started
 * (`electron .`, `electron out/main/index.js`, or a packaged binary).
 */
export interface AppPaths {
  /** The repo root, or app.asar when packaged. */
  appRoot: string;
  preload: string;
  rendererIndex: string;
  engineScript: string;
  /** The folder holding sample-data/ (repo resources/ or the packaged app's resources folder). */
  resourcesDir: string;
  /** A PNG of the icon for the window (Linux and Windows; macOS uses the bundle's). */
  windowIcon: string;
}

/** `mainDir` is the folder of the entry bundle (out/main), taken from the entry module itself: shared code may land in out/main/chunks. */
export function appPaths(mainDir: string): AppPaths {
  const outDir = resolve(mainDir, '..');
  const appRoot = resolve(outDir, '..');
  return {
    appRoot,
    preload: join(outDir, 'preload', 'index.cjs'),
    rendererIndex: join(outDir, 'renderer', 'index.html'),
    engineScript: join(mainDir, 'engine-process.js'),
    // electron-builder copies sample-data next to app.asar (extraResources), where the engine process can read it as plain files.
    resourcesDir: app.isPackaged ? process.resourcesPath : join(appRoot, 'resources'),
    windowIcon: join(appRoot, 'resources', 'icons', 'icon.png'),
  };
}

export function rendererLocation(paths: AppPaths): RendererLocation {
  // electron-vite sets ELECTRON_RENDERER_URL only under `electron-vite dev`; a packaged app never trusts it.
  const dev = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  return {
    fileUrl: pathToFileURL(paths.rendererIndex).href,
    devServerUrl: dev && dev.length > 0 ? dev : null,
    caseInsensitivePaths: process.platform === 'win32',
  };
}

/** Where Nestor keeps its own data: working copies, recovery and the recent-files list. */
export interface DataPaths {
  dataDir: string;
  workDir: string;
  recentFile: string;
}

/**
 * NESTOR_DATA_DIR (tests, portable installs) replaces the whole user-data
 * folder, Chromium's profile included, so a test run never touches a person's
 * real data and the single-instance lock (which lives there) is per test.
 * Must run before the app is ready.
 */
export function setUpDataPaths(): DataPaths {
  const override = process.env.NESTOR_DATA_DIR;
  if (override && override.length > 0) {
    app.setPath('userData', resolve(override));
  } else {
    // Started as `electron out/main/index.js` the app would be named "Electron"; the data folder must not depend on that.
    app.setPath('userData', join(app.getPath('appData'), 'Nestor'));
  }
  const dataDir = app.getPath('userData');
  const workDir = join(dataDir, 'working');
  mkdirSync(workDir, { recursive: true });
  return { dataDir, workDir, recentFile: join(dataDir, 'recent.json') };
}
