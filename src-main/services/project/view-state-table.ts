import type Database from 'better-sqlite3';
import { ViewState } from '@shared/view-state';

/**
 * The window's view state in the project file: one JSON row of the
 * view_state table (there since schema 1, so every project file has it).
 * A row this build cannot read (hand-edited, or written by a newer Nestor)
 * reads as no state at all: the project opens in the default view.
 */
const KEY = 'window';

export function readViewState(db: Database.Database): ViewState | null {
  const row = db.prepare('SELECT value FROM view_state WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return null;
  }
  const parsed = ViewState.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function writeViewState(db: Database.Database, state: ViewState): void {
  db.prepare('INSERT INTO view_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    KEY,
    JSON.stringify(state),
  );
}
