import { AppError } from '@shared/errors';
import { MISSING_CODE, type Column } from '../data/column';
import { findColumn, type DataFrame } from '../data/frame';
import { asFactor } from '../model/factors';

/** The variables of a data plot, found by name, and groups made of them. */

export function variable(frame: DataFrame, name: string): Column {
  const column = findColumn(frame, name);
  if (!column) {
    throw new AppError('bad-input', `There is no variable "${name}" in this dataset; it has ${frame.columns.map((c) => c.name).join(', ')}.`);
  }
  return column;
}

/** The groups of a factor, or of whole-number ids (school numbers kept as numbers), in R's level order. */
export function groupCodes(g: Column): { codes: ArrayLike<number>; levels: string[] } {
  if (g.kind === 'logical') {
    return { codes: Int32Array.from(g.values, (v) => (v !== v ? MISSING_CODE : v ? 1 : 0)), levels: ['FALSE', 'TRUE'] };
  }
  for (let i = 0; g.kind !== 'factor' && i < g.values.length; i++) {
    const v = g.values[i];
    if (v === v && !Number.isInteger(v)) {
      throw new AppError('bad-input', `${g.name} has the value ${v} (row ${i + 1}); groups need a factor or whole-number ids. Choose a factor, or set ${g.name} as a factor in the Variables panel.`);
    }
  }
  // A factor as it is; numbers as factor() makes them, as lme4 makes a grouping factor: sorted as numbers, 2 before 10.
  return asFactor(g);
}

/** A variable whose values are numbers to plot (not a factor, not TRUE/FALSE). */
export function numericVariable(frame: DataFrame, name: string, role: string): Float64Array {
  const column = variable(frame, name);
  if (column.kind === 'factor') throw new AppError('bad-input', `${role} needs a numeric variable; ${name} is a factor. Choose a numeric variable.`);
  if (column.kind === 'logical') throw new AppError('bad-input', `${role} needs a numeric variable; ${name} is logical (TRUE/FALSE).`);
  return Float64Array.from(column.values);
}
