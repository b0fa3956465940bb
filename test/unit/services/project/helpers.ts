import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterEach } from 'vitest';
import type { Column } from '../../../../src-main/engine/data/column';
import type { NewDataset } from '../../../../src-main/services/project/api';

/** A fresh temp directory per call, removed after the test that made it. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    restoreWritable(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(prefix = 'nestor-project-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function restoreWritable(dir: string): void {
  try {
    fs.chmodSync(dir, 0o755);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) restoreWritable(path.join(dir, entry.name));
    }
  } catch {
    /* already gone */
  }
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The pid of a process that has certainly exited. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

export const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Five rows with every kind and a missing value in each column. */
export function exampleDataset(name = 'Exam'): NewDataset {
  const columns: Column[] = [
    { name: 'score', kind: 'numeric', values: new Float64Array([1.5, NaN, -2.25, 1e300, 0.1 + 0.2]) },
    { name: 'count', kind: 'integer', values: new Float64Array([3, 0, NaN, -7, 2 ** 40]) },
    { name: 'passed', kind: 'logical', values: new Float64Array([1, 0, 0, NaN, 1]) },
    // Levels deliberately not alphabetical: their order is the reference-level choice and must survive.
    { name: 'school', kind: 'factor', codes: new Int32Array([2, 0, -1, 1, 2]), levels: ['zeta', 'alpha', 'mid'] },
  ];
  return { name, source: 'exam.csv', columns };
}

export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
