import type { Column } from './column';

/** A dataset as the engine computes on it: equal-length columns, looked up by name. */
export interface DataFrame {
  rows: number;
  columns: Column[];
}

export function findColumn(frame: DataFrame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}
