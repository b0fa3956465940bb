import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RResult<T> = { ok: true; version: string; value: T } | { ok: false; reason: string };

/** R's version line ("R scripting front-end version 4.2.2 …"), or null when Rscript cannot be started. */
export function rVersion(): string | null {
  const run = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  // Rscript prints its version on stderr.
  return (run.stderr || run.stdout).trim();
}

/**
 * Runs an R script with Rscript (--vanilla: no site or user profile changes what is
 * measured) and returns the JSON object it prints as its last line of output. Timings
 * are taken inside R, around the calls being compared, so R's start-up is not counted.
 */
export function runR<T>(script: string, args: readonly string[], timeoutSeconds = 1800): RResult<T> {
  const version = rVersion();
  if (version === null) return { ok: false, reason: 'R not installed' };
  const dir = mkdtempSync(join(tmpdir(), 'nestor-bench-r-'));
  try {
    const file = join(dir, 'bench.R');
    writeFileSync(file, script);
    const run = spawnSync('Rscript', ['--vanilla', file, ...args], {
      encoding: 'utf8',
      timeout: timeoutSeconds * 1000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) return { ok: false, reason: `Rscript failed: ${run.error.message}` };
    if (run.status !== 0) return { ok: false, reason: `Rscript exited with ${run.status}: ${lastLines(run.stderr, 5)}` };
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    try {
      return { ok: true, version, value: JSON.parse(last) as T };
    } catch {
      return { ok: false, reason: `R printed no JSON result; its output ended with: ${lastLines(run.stdout, 3)}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}
