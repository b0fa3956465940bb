import { AppError } from '@shared/errors';
import type { Expr } from '@shared/expr/ast';
import { ExprIssue } from '@shared/expr/functions';
import { parseExpression } from '@shared/expr/parse';
import { checkResult, recipeNameProblem, recipeText } from '@shared/expr/validate';
import type { Recipe } from '@shared/recipes';
import type { Column } from '../data/column';
import type { DataFrame } from '../data/frame';
import { evaluateValue, toColumn } from './evaluate';

export interface RecipeOutcome {
  frame: DataFrame;
  /** For each row of `frame`, its row in the imported data. */
  keptRows: Int32Array;
  warnings: string[];
}

/**
 * Applies recipes in order, the way a script of R assignments and subset() calls
 * would: a computed variable sees the rows kept by earlier filters (so
 * scale(x) after a filter centres on the kept rows), and a filter keeps the rows
 * where its condition is TRUE (NA drops the row, as subset() does). The imported
 * frame and its arrays are never written to; imported columns that no filter
 * touched are shared with the result, read-only.
 */
export function applyRecipes(frame: DataFrame, recipes: Recipe[]): RecipeOutcome {
  const imported = new Set(frame.columns.map((c) => c.name));
  let current: DataFrame = { rows: frame.rows, columns: frame.columns.slice() };
  let kept: Int32Array | null = null;
  const warnings: string[] = [];
  recipes.forEach((recipe, index) => {
    const label = recipeText(recipe);
    // Positions count characters of the recipe as written ("fail = ifelse(…)").
    const shift = label.length - recipe.expression.length;
    const fail = (reason: string, offset?: number): AppError => {
      const at = offset === undefined ? '' : `, at character ${offset + shift + 1}`;
      const detail = { recipe: index + 1, source: label, ...(offset === undefined ? {} : { position: offset + shift + 1 }) };
      return new AppError('bad-input', `Recipe ${index + 1} (${label})${at}: ${reason}.`, detail);
    };
    if (recipe.kind === 'compute') {
      const problem = recipeNameProblem(recipe.name);
      if (problem) throw fail(problem);
      if (imported.has(recipe.name)) {
        throw fail(
          `"${recipe.name}" is an imported variable, and recipes never change imported data: give the computed variable a new name ` +
            `(to keep only some rows, write a filter such as ${recipe.name} == …)`,
        );
      }
    }
    const expr = parse(recipe.expression, fail);
    const reasons: string[] = [];
    try {
      const { value, type } = evaluateValue(expr, current, recipe.expression, reasons);
      checkResult(recipe, expr, type);
      const column = toColumn(value, current, recipe.kind === 'compute' ? recipe.name : label, expr);
      if (recipe.kind === 'compute') current = withColumn(current, column);
      else {
        const rows = keptBy(column as Extract<Column, { values: Float64Array }>);
        if (rows.length === 0) reasons.push('no row meets the condition, so no rows are left');
        current = { rows: rows.length, columns: current.columns.map((c) => takeRows(c, rows)) };
        kept = kept ? Int32Array.from(rows, (r) => kept![r]) : rows;
      }
    } catch (err) {
      if (err instanceof ExprIssue) throw fail(err.reason, err.offset);
      throw err;
    } finally {
      warnings.push(...reasons.map((r) => `Recipe ${index + 1} (${label}): ${r}.`));
    }
  });
  return { frame: current, keptRows: kept ?? Int32Array.from({ length: frame.rows }, (_, i) => i), warnings };
}

function parse(expression: string, fail: (reason: string, offset?: number) => AppError): Expr {
  try {
    return parseExpression(expression, 'expression');
  } catch (err) {
    const position = err instanceof AppError ? (err.detail as { position?: number } | undefined)?.position : undefined;
    if (!(err instanceof AppError) || position === undefined) throw err;
    const prefix = `In the expression "${expression}", at character ${position}: `;
    const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length).replace(/\.$/, '') : err.message;
    throw fail(reason, position - 1);
  }
}

/** Adds a computed column, or replaces the one an earlier recipe computed under the same name. */
function withColumn(frame: DataFrame, column: Column): DataFrame {
  const at = frame.columns.findIndex((c) => c.name === column.name);
  const columns = frame.columns.slice();
  if (at >= 0) columns[at] = column;
  else columns.push(column);
  return { rows: frame.rows, columns };
}

/** Rows where the condition is TRUE; FALSE and NA drop the row. */
function keptBy(condition: { values: Float64Array }): Int32Array {
  const v = condition.values;
  let count = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === 1) count++;
  const rows = new Int32Array(count);
  for (let i = 0, j = 0; i < v.length; i++) if (v[i] === 1) rows[j++] = i;
  return rows;
}

function takeRows(c: Column, rows: Int32Array): Column {
  if (c.kind === 'factor') {
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]];
    return { name: c.name, kind: 'factor', codes, levels: c.levels };
  }
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]];
  return { name: c.name, kind: c.kind, values };
}
