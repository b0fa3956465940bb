#!/usr/bin/env node
/**
 * Builds a second copy of better-sqlite3's native addon for Electron's ABI,
 * under .electron-native/, for `npm start` and `npm run dev`.
 *
 * Why a copy: node_modules/better-sqlite3 is built for Node, which the unit
 * tests, the browser host and the CLI load. Rebuilding it in place for
 * Electron (what electron-rebuild does) would break all of those until the
 * next `npm rebuild`. Main passes this copy's path to better-sqlite3 as its
 * `nativeBinding` option (src-main/app/native-sqlite.ts); the JavaScript part
 * still comes from node_modules.
 *
 * The build is skipped when .electron-native/stamp.json says it was made for
 * this Electron version, this better-sqlite3 version, platform and arch.
 * Needs a C++20 toolchain (as for any node-gyp build) and, the first time,
 * network access to electronjs.org for Electron's headers.
 *
 * Usage: node scripts/electron-native.mjs [--force]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nativeRoot = join(root, '.electron-native');
const moduleCopy = join(nativeRoot, 'node_modules', 'better-sqlite3');
const addon = join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(nativeRoot, 'stamp.json');
/** What better-sqlite3's binding.gyp needs to build; its docs, tests and Node build/ stay behind. */
const SOURCES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];
const ELECTRON_HEADERS = 'https://electronjs.org/headers';

/** The installed Electron's version, and whether its binary is there (it is not after ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronInstall(dir = root) {
  const pkgDir = join(dir, 'node_modules', 'electron');
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) return { version: null, binary: null };
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return { version, binary: null };
  const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return { version, binary: existsSync(binary) ? binary : null };
}

export function wantedStamp(electronVersion, sqliteVersion) {
  return { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };
}

export function stampMatches(file, wanted) {
  try {
    const have = JSON.parse(readFileSync(file, 'utf8'));
    return Object.keys(wanted).every((k) => have[k] === wanted[k]);
  } catch {
    return false;
  }
}

/** A fresh copy of the module's build inputs, so no Node-built object file can leak into the Electron build. */
export function copySources(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const entry of SOURCES) {
    const source = join(from, entry);
    if (!existsSync(source)) throw new Error(`better-sqlite3 is missing ${entry} (looked in ${from}); reinstall it with npm ci.`);
    cpSync(source, join(to, entry), { recursive: true });
  }
}

/** npm's node-gyp when run through npm, else the one in node_modules (a locked dependency of electron-builder). */
export function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not installed locally; npm's own copy may still be there.
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

/**
 * Runs node-gyp directly rather than through `npm rebuild`: npm hands its
 * configuration to node-gyp as npm_config_* variables, and a `nodedir` in a
 * user's .npmrc (set on machines that build offline against Node's headers)
 * cannot be cleared from the environment. Here node-gyp sees exactly the
 * options below; its header cache for Electron is kept apart from Node's.
 */
export function buildForElectron({ dir, target, runtime = 'electron', distUrl = ELECTRON_HEADERS, nodedir = null, nodeGyp }) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|devdir)$/i.test(key)) delete env[key];
  }
  const args = [nodeGyp, 'rebuild', '--release', `--target=${target}`, `--arch=${process.arch}`];
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  else args.push(`--dist-url=${distUrl}`, `--devdir=${join(homedir(), runtime === 'electron' ? '.electron-gyp' : '.cache/node-gyp')}`);
  console.log(`electron-native: building better-sqlite3 for ${runtime} ${target} (${process.platform}-${process.arch})…`);
  const result = spawnSync(process.execPath, args, { cwd: dir, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status === 0;
}

function main() {
  const force = process.argv.includes('--force');
  const { version: electronVersion, binary } = electronInstall();
  if (!electronVersion) {
    console.error('electron-native: Electron is not installed (node_modules/electron is missing); run npm ci.');
    return 1;
  }
  if (!binary) {
    console.error(
      `electron-native: the Electron ${electronVersion} binary is not installed (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n` +
        'Get it with:  node node_modules/electron/install.js\n' +
        'then run this again (npm start and npm run dev do).',
    );
    return 1;
  }

  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const sqlitePkg = join(sqliteDir, 'package.json');
  if (!existsSync(sqlitePkg)) {
    console.error('electron-native: node_modules/better-sqlite3 is missing; run npm ci.');
    return 1;
  }
  const sqliteVersion = JSON.parse(readFileSync(sqlitePkg, 'utf8')).version;
  const wanted = wantedStamp(electronVersion, sqliteVersion);
  if (!force && existsSync(addon) && stampMatches(stampFile, wanted)) {
    console.log(`electron-native: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is up to date.`);
    return 0;
  }

  const nodeGyp = findNodeGyp();
  if (!nodeGyp) {
    console.error('electron-native: node-gyp was not found (neither npm\'s own nor node_modules/node-gyp); run npm ci.');
    return 1;
  }
  rmSync(stampFile, { force: true });
  copySources(sqliteDir, moduleCopy);
  if (!buildForElectron({ dir: moduleCopy, target: electronVersion, nodeGyp }) || !existsSync(addon)) {
    console.error(
      'electron-native: building better-sqlite3 for Electron failed (see node-gyp\'s output above).\n' +
        'It needs Python 3 and a C++20 compiler (build-essential on Linux, Xcode command line tools on macOS,\n' +
        'Visual Studio Build Tools on Windows) and, the first time, access to https://electronjs.org/headers.',
    );
    return 1;
  }
  writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`electron-native: built ${addon}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
