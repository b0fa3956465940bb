import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '@shared/errors';
import { silentContext } from '../engine/context';
import type { DataFrame } from '../engine/data/frame';
import { readDataFile, type ImportWarning } from '../engine/import/read-data-file';
import { applyRecipes } from '../engine/recipes/apply-recipes';
import { subsetMask } from '../engine/fit/fit-model';
import type { CliOptions } from './args';

export interface LoadedData {
  frame: DataFrame;
  /** --subset as R's subset argument: 1 = keep (NA counts as drop), or undefined for all rows. */
  subset?: Uint8Array;
  /** Reader and recipe warnings, for stderr. */
  warnings: string[];
}

/**
 * The data as the command line's model sees it: the file read as R reads it,
 * then the --compute recipes in order — the same engine code the app runs in
 * its engine process. --subset becomes the model's subset (as lm(subset =)), so
 * row numbers stay those of the file.
 */
export async function loadData(options: CliOptions): Promise<LoadedData> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('bad-input', code === 'ENOENT' ? `${options.data}: no such file.` : `${options.data}: cannot be read (${code ?? String(err)}).`);
  }
  const fileName = basename(options.data);
  const imported = await readDataFile(
    bytes,
    { fileName, naStrings: options.naStrings, factors: options.factors, levels: options.levels, delimiter: options.delimiter },
    silentContext,
  );
  const outcome = applyRecipes({ rows: imported.rows, columns: imported.columns }, options.recipes);
  const warnings = [...imported.warnings.map((w) => formatImportWarning(fileName, w)), ...outcome.warnings];
  if (options.subset === null) return { frame: outcome.frame, warnings };
  return { frame: outcome.frame, subset: subsetMask(options.subset, outcome.frame, warnings), warnings };
}

function formatImportWarning(file: string, w: ImportWarning): string {
  const where = w.line === undefined ? file : `${file}: line ${w.line}${w.column === undefined ? '' : `, column ${w.column}`}`;
  return `${where}: ${w.message}`;
}
