import type { ChartConfiguration, ChartType } from 'chart.js';

/**
 * A figure as every plot kind describes it before drawing: chart.js
 * configurations (one per panel) with their sizes, laid out in a grid. The plot
 * modules build it from engine numbers; FigureView draws it, and the exports
 * (PNG, SVG) render the same configurations, so what is saved is what is seen.
 */
export interface PanelSpec {
  /** Unique within the figure (a keyed #each). */
  key: string;
  /** What the panel shows, for screen readers (its aria-label). */
  label: string;
  /** CSS pixels; the canvas is drawn at PIXEL_RATIO times this. */
  width: number;
  height: number;
  /** A fresh configuration each call (chart.js mutates what it is given). Set animation: false and responsive: false. */
  config: () => ChartConfiguration<ChartType, unknown[], unknown>;
}

export interface FigureSpec {
  /** Said above the figure: what is drawn and how (intervals, smoother, rows used). */
  caption: string;
  /** Panels per row; panels wrap onto further rows (facets). */
  columns: number;
  panels: PanelSpec[];
  /** The exported file's name without extension: m3-caterpillar. */
  fileStem: string;
  /** Groups (or points) drawn, for tests and the layout's data-groups attribute. */
  groups?: number;
}

/** Loosens a typed chart.js configuration to the figure's panel type (chart.js's generics are invariant). */
export function looseConfig<T extends ChartType, D extends unknown[], L>(config: ChartConfiguration<T, D, L>): ChartConfiguration<ChartType, unknown[], unknown> {
  return config as unknown as ChartConfiguration<ChartType, unknown[], unknown>;
}

/** A file-name stem from a model or dataset name and the plot kind: m3-caterpillar. */
export function fileStem(name: string, kind: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'plot';
  return `${safe}-${kind}`;
}
