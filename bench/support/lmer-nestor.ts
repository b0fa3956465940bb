import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFormula } from '@shared/formula/parse-formula';
import { silentContext } from '../../src-main/engine/context';
import type { DataFrame } from '../../src-main/engine/data/frame';
import { readDataFile } from '../../src-main/engine/import/read-data-file';
import { fitForBench, plotModelForBench, type BenchFit, type BenchPlotModel } from './lmer-engine';

/** The command-line flag that makes the bench entry run one Nestor case and print its result. */
export const CHILD_FLAG = '--lmer-case';

export interface NestorCaseSpec {
  file: string;
  formula: string;
  factors: string[];
  /**
   * 1: one cold run. More: untimed warm-up fits first, then this many timed. The app's
   * engine process is long-lived, so every fit after a session's first runs on code the
   * JIT has compiled; the warm median is that fit's time, and the cold first fit is
   * reported beside it.
   */
  runs: number;
}

/** Warm-up fits before the timed runs of a multi-run case: enough for V8 to optimise the hot loops. */
export const WARM_UP_FITS = 10;

export interface NestorCaseResult {
  /** Wall-clock seconds of each timed fit (formula → frame → fit; the import is not timed, as in R). */
  seconds: number[];
  /** The first fit in the fresh process (the JIT cold), timed; null when it is the only run. */
  coldSeconds: number | null;
  remlcrit: number;
  importSeconds: number;
  /**
   * Peak resident memory (null off Linux): while the file was read and imported, and at
   * the end. When `separated`, the high-water mark was reset after the import, so the
   * second is the fit's own peak (the imported columns resident); otherwise it covers both.
   */
  peakImportBytes: number | null;
  peakEndBytes: number | null;
  separated: boolean;
  /** How the peaks were measured. */
  memoryMethod: string;
  evaluations: number | null;
  notes: string[];
  /** The diagnostics gallery's plot.model computation at the last fit's estimates (after the memory was read). */
  plotModel: BenchPlotModel;
}

export type NestorOutcome = { ok: true; value: NestorCaseResult } | { ok: false; reason: string };

/**
 * Runs one case in a fresh Node process (the bench entry itself, with CHILD_FLAG), so
 * each case's peak memory is its own and no case's garbage slows the next. The child
 * prints its result as the last line of stdout; its progress goes straight to stderr.
 */
export function nestorInChild(benchScript: string, spec: NestorCaseSpec, timeoutSeconds: number): NestorOutcome {
  const run = spawnSync(process.execPath, ['--expose-gc', benchScript, CHILD_FLAG, JSON.stringify(spec)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutSeconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) return { ok: false, reason: `Nestor failed: ${run.error.message}` };
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    return { ok: false, reason: `Nestor failed: its process exited with ${run.status ?? run.signal} and printed no result` };
  }
  const message = parsed as { error?: string };
  if (typeof message.error === 'string') return { ok: false, reason: `Nestor failed: ${message.error}` };
  return { ok: true, value: parsed as NestorCaseResult };
}

/** The child's side: prints `NestorCaseResult` as JSON, or `{ "error": message }` when the fit fails. */
export async function childMain(specJson: string): Promise<void> {
  let line: string;
  try {
    line = JSON.stringify(await runNestorCase(JSON.parse(specJson) as NestorCaseSpec));
  } catch (error) {
    line = JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
  process.stdout.write(line + '\n');
}

async function runNestorCase(spec: NestorCaseSpec): Promise<NestorCaseResult> {
  const start = performance.now();
  const imported = await readDataFile(readFileSync(spec.file), { fileName: spec.file, factors: spec.factors }, silentContext);
  const importSeconds = (performance.now() - start) / 1000;
  const frame: DataFrame = { rows: imported.rows, columns: imported.columns };
  const peakImportBytes = peakResidentBytes();
  // The file's bytes are garbage now; collect them, then restart the high-water mark so
  // the fit's peak is measured on its own (with the imported columns resident).
  (globalThis as { gc?: () => void }).gc?.();
  const reset = resetPeakResident();

  const fit = () => fitForBench(parseFormula(spec.formula), frame);
  let coldSeconds: number | null = null;
  if (spec.runs > 1) {
    const t0 = performance.now();
    await fit();
    coldSeconds = (performance.now() - t0) / 1000;
    for (let k = 1; k < WARM_UP_FITS; k++) await fit();
  }
  const seconds: number[] = [];
  let last: BenchFit | null = null;
  for (let k = 0; k < spec.runs; k++) {
    const t0 = performance.now();
    last = await fit();
    seconds.push((performance.now() - t0) / 1000);
  }
  if (last === null) throw new Error('no timed run (runs must be at least 1)');
  const peakEndBytes = peakResidentBytes();
  const plotModel = await plotModelForBench(spec.formula, frame, last.stored);
  return {
    seconds,
    coldSeconds,
    remlcrit: last.remlcrit,
    importSeconds,
    peakImportBytes,
    peakEndBytes,
    separated: reset,
    memoryMethod: reset
      ? 'VmHWM of the Nestor process (/proc/self/status), reset through /proc/self/clear_refs between import and fit'
      : 'VmHWM of the Nestor process (/proc/self/status) over import and fit together (the reset was refused)',
    evaluations: last.evaluations,
    notes: last.notes,
    plotModel,
  };
}

/** The kernel's record of this process's peak resident set (Linux), or null elsewhere. */
function peakResidentBytes(): number | null {
  try {
    const match = /^VmHWM:\s*(\d+)\s*kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Writing 5 to clear_refs resets VmHWM to the current resident set (Linux ≥ 4.0). */
function resetPeakResident(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
