/**
 * What a plot of per-group estimates with intervals is, before any drawing:
 * panels side by side that share one axis of groups. The plot modules
 * (caterpillar.ts, lmlist-intervals.ts) build it from a stored fit; the chart
 * component only draws it.
 */
export interface IntervalPoint {
  group: string;
  value: number;
  /** Null where R has NA (the point is drawn without its interval). */
  lower: number | null;
  upper: number | null;
}

export interface IntervalPanel {
  /** The panel's strip: the term or coefficient it shows. */
  title: string;
  /** One point per group that has a value, in the figure's group order. */
  points: IntervalPoint[];
  /** A reference line drawn across the panel (0 for random effects), or null. */
  referenceLine: number | null;
}

export interface IntervalFigure {
  /** The title of the shared group axis (the grouping factor's name). */
  groupTitle: string;
  /** The title of each panel's value axis. */
  valueTitle: string;
  /** The groups from the top of the axis to the bottom. */
  groups: string[];
  panels: IntervalPanel[];
  /** What the intervals are, said under the figure. */
  caption: string;
}

export type FigureResult = { ok: true; figure: IntervalFigure } | { ok: false; message: string };
