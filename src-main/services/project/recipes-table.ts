import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { Recipe, RecipeInfo } from '@shared/recipes';

/**
 * SQL for the `recipes` table: derived variables and filters of a dataset, in
 * the order they apply. The imported columns are never touched; recipes are
 * applied whenever the engine receives the dataset.
 */
interface RecipeRow {
  id: string;
  dataset_id: string;
  position: number;
  kind: 'compute' | 'filter';
  name: string | null;
  expression: string;
}

export function listRecipes(db: Database.Database, datasetId: string): RecipeInfo[] {
  const rows = db
    .prepare('SELECT id, dataset_id, position, kind, name, expression FROM recipes WHERE dataset_id = ? ORDER BY position')
    .all(datasetId) as RecipeRow[];
  return rows.map(toInfo);
}

export function insertRecipe(db: Database.Database, id: string, datasetId: string, recipe: Recipe, createdAt: string): RecipeInfo {
  const { next } = db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS next FROM recipes WHERE dataset_id = ?').get(datasetId) as {
    next: number;
  };
  db.prepare('INSERT INTO recipes (id, dataset_id, position, kind, name, expression, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    datasetId,
    next,
    recipe.kind,
    recipe.kind === 'compute' ? recipe.name : null,
    recipe.expression,
    createdAt,
  );
  return { id, datasetId, position: next, recipe };
}

export function updateRecipe(db: Database.Database, id: string, recipe: Recipe): RecipeInfo {
  const changed = db
    .prepare('UPDATE recipes SET kind = ?, name = ?, expression = ? WHERE id = ?')
    .run(recipe.kind, recipe.kind === 'compute' ? recipe.name : null, recipe.expression, id).changes;
  if (changed === 0) throw new AppError('not-found', `There is no recipe "${id}" in this project`);
  return readRecipe(db, id);
}

export function deleteRecipe(db: Database.Database, id: string): string {
  const row = db.prepare('SELECT dataset_id FROM recipes WHERE id = ?').get(id) as { dataset_id: string } | undefined;
  if (!row) throw new AppError('not-found', `There is no recipe "${id}" in this project`);
  db.prepare('DELETE FROM recipes WHERE id = ?').run(id);
  return row.dataset_id;
}

export function readRecipe(db: Database.Database, id: string): RecipeInfo {
  const row = db.prepare('SELECT id, dataset_id, position, kind, name, expression FROM recipes WHERE id = ?').get(id) as RecipeRow | undefined;
  if (!row) throw new AppError('not-found', `There is no recipe "${id}" in this project`);
  return toInfo(row);
}

function toInfo(r: RecipeRow): RecipeInfo {
  const recipe: Recipe =
    r.kind === 'compute' ? { kind: 'compute', name: r.name ?? '', expression: r.expression } : { kind: 'filter', expression: r.expression };
  return { id: r.id, datasetId: r.dataset_id, position: r.position, recipe };
}
