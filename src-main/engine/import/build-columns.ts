import { AppError } from '@shared/errors';
import type { Column } from '../data/column';
import type { ColumnCollector } from './collect';
import { factorFromNumbers, factorWithLevels, sortedFactor } from './levels';
import type { ImportWarning, ReadOptions } from './read-data-file';

/*
 * The last steps every reader shares (delimited text and XLSX): checking the columns
 * the options name, and turning a scanned column into the engine's typed column, so a
 * workbook and the CSV of the same data get the same types and levels.
 */

export function checkNamedColumns(options: ReadOptions, names: readonly string[], fileName: string): void {
  const known = new Set(names);
  const asked = [...(options.factors ?? []), ...Object.keys(options.levels ?? {})];
  const missing = asked.find((name) => !known.has(name));
  if (missing === undefined) return;
  const list = names.length <= 20 ? names.map((n) => `"${n}"`).join(', ') : `${names.length} columns`;
  throw new AppError('bad-input', `${fileName}: there is no column "${missing}" (the file has ${list}).`, {
    file: fileName,
    column: missing,
  });
}

export function buildColumn(
  c: ColumnCollector,
  j: number,
  factors: ReadonlySet<string>,
  levels: Record<string, string[]>,
  altDecimal: number,
  fileName: string,
  warnings: ImportWarning[],
): Column {
  const name = c.name;
  if (Object.hasOwn(levels, name)) {
    const f = factorWithLevels({
      fileName,
      column: name,
      codes: c.finalCodes(),
      labels: c.labels.labels,
      labelLines: c.labels.lines,
      levels: levels[name],
      altDecimal,
    });
    return { name, kind: 'factor', codes: f.codes, levels: f.levels };
  }
  if (c.textMode) {
    const f = sortedFactor(c.finalCodes(), c.labels.labels, altDecimal);
    return { name, kind: 'factor', codes: f.codes, levels: f.levels };
  }
  if (c.nanCount > 0) {
    warnings.push({
      message: `${fileName}: column "${name}" has ${c.nanCount} value${c.nanCount > 1 ? 's' : ''} written NaN; NaN is read as missing.`,
      column: j + 1,
    });
  }
  if (factors.has(name)) {
    const f = factorFromNumbers(c.finalValues(), c.seenLogical);
    return { name, kind: 'factor', codes: f.codes, levels: f.levels };
  }
  return { name, kind: c.numericKind(), values: c.finalValues() };
}
