import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

/** The repository and its sample data, as the CLI tests name files. */
export const root = resolve(import.meta.dirname, '..', '..', '..');
export const samples = join(root, 'resources', 'sample-data');

/** The built CLI (global setup builds it) in its own process, as a person runs it: its exit status, stdout and stderr. */
export function nestor(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const built = inject('cliBuild');
  if ('error' in built) throw new Error(built.error);
  const run = spawnSync(process.execPath, [built.script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
