// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/**
 * Besides the usual checks, these rules keep the process boundaries visible:
 * the renderer never imports main-side code, only two files touch Electron's
 * IPC objects, and the engine and the contract import nothing of Electron,
 * SQLite or the DOM.
 */
const electronIpc = (name) => ({ name: 'electron', importNames: [name], message: `Only the IPC modules may use ${name}.` });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronIpc('ipcMain'), electronIpc('ipcRenderer')] }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['src-main/ipc/electron-ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronIpc('ipcRenderer')] }] },
  },
  {
    files: ['src-main/app/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronIpc('ipcMain')] }] },
  },
  {
    files: ['src-main/engine/**/*.ts', 'src-main/engine-process.ts', 'src-main/engine-protocol.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The engine is a pure library: no Electron.' },
            { name: 'better-sqlite3', message: 'The engine is a pure library: no SQLite.' },
          ],
          patterns: [{ group: ['**/services/**', '**/app/**', '**/ipc/**', '**/web-host/**'], message: 'The engine must not depend on main-side services.' }],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'better-sqlite3', '**/src-main/**', '**/src-renderer/**'], message: 'The contract is shared by every process: it imports only zod and itself.' }] },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: talk to main through the bridge.' }],
          patterns: [{ group: ['**/src-main/**', 'node:*'], message: 'The renderer never imports main-side code; use the contract in src-shared.' }],
        },
      ],
    },
  },
);
