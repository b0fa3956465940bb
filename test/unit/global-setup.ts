import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine process built from the current sources, or why it could not be built. */
    engineBuild: { script: string } | { error: string };
    /** The command line (src-main/cli.ts) built the same way, for tests that run it as a process. */
    cliBuild: { script: string } | { error: string };
    /** The bootstrap's worker thread, built next to the engine process (which looks for it there). */
    bootWorkerBuild: { script: string } | { error: string };
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the engine process (src-main/engine-process.ts) and the command line
 * (src-main/cli.ts) into a temp
 * directory, once per test run, so the job-queue tests fork a real engine made
 * from the current sources without a full `electron-vite build` (and without a
 * TypeScript loader, which this project does not have). Dependencies are bundled
 * in, so the output runs from anywhere; `.mjs` makes Node load it as ESM
 * outside the package. A failed build does not fail the run: the tests that
 * need the engine report the build error, everyone else's tests still run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'nestor-engine-'));
  project.provide('engineBuild', await buildEntry('src-main/engine-process.ts', 'engine-process', outDir));
  project.provide('cliBuild', await buildEntry('src-main/cli.ts', 'cli', outDir));
  project.provide('bootWorkerBuild', await buildEntry('src-main/engine/inference/bootstrap/boot-worker.ts', 'boot-worker', outDir));
  return () => rm(outDir, { recursive: true, force: true });
}

async function buildEntry(entry: string, name: string, outDir: string): Promise<{ script: string } | { error: string }> {
  const started = performance.now();
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      resolve: { alias: { '@shared': resolve(root, 'src-shared') } },
      ssr: { noExternal: true, target: 'node' },
      build: {
        ssr: resolve(root, entry),
        outDir,
        emptyOutDir: false,
        minify: false,
        sourcemap: 'inline',
        rolldownOptions: { output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: `${name}-[name]-[hash].mjs` } },
      },
    });
    console.log(`${name} built for tests in ${Math.round(performance.now() - started)} ms`);
    return { script: join(outDir, `${name}.mjs`) };
  } catch (err) {
    const error = `Building ${entry} for the tests failed: ${(err as Error).message}`;
    console.warn(error);
    return { error };
  }
}
