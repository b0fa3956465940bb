import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const shared = { '@shared': resolve(import.meta.dirname, 'src-shared') };

/**
 * One build for every process. The main build has several entries because the
 * engine process, the browser host, the CLI and the bench are all Node programs
 * that share main-side code; each entry imports only what it needs (the engine
 * never imports electron).
 */
export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/app/main.ts'),
          'engine-process': resolve(import.meta.dirname, 'src-main/engine-process.ts'),
          'boot-worker': resolve(import.meta.dirname, 'src-main/engine/inference/bootstrap/boot-worker.ts'),
          'web-host': resolve(import.meta.dirname, 'src-main/web-host/index.ts'),
          cli: resolve(import.meta.dirname, 'src-main/cli.ts'),
          bench: resolve(import.meta.dirname, 'bench/index.ts'),
          'bench-import-lm': resolve(import.meta.dirname, 'bench/import-lm.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/app/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: shared },
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
