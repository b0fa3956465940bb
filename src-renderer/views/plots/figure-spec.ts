import type { Chart, ChartConfiguration, ChartType } from 'chart.js';

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
  /**
   * Wheel/pinch zoom, drag pan and +/−/arrow keys (scatter-like panels); exports show the zoomed view.
   * true zooms both axes; 'x' or 'y' only that one (panels that share a group axis zoom their values only).
   */
  zoomable?: boolean | 'x' | 'y';
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
  /** The figure's identity in the project, under which its labels and options are saved: a model or dataset id and the plot kind. */
  settingsKey?: { target: string; kind: string };
  /** The dataset whose rows the points' `row` numbers refer to: clicking such a point shows the row in the Data view. */
  rowDataset?: string;
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

/** The axes a panel zooms and pans: none, or chart.js-plugin-zoom's mode. */
export function zoomAxes(panel: Pick<PanelSpec, 'zoomable'>): 'x' | 'y' | 'xy' | null {
  if (!panel.zoomable) return null;
  return panel.zoomable === true ? 'xy' : panel.zoomable;
}

/** A drawn panel, as chart.js made it from a loosened configuration. */
export type PanelChart = Chart<ChartType, unknown[], unknown>;

/**
 * A settings kind for a figure that depends on choices (box plots of y by g):
 * the kind and the choices in the characters a settings key allows, at most 64,
 * with a short hash of the exact choices so that names differing only in other
 * characters stay apart.
 */
export function settingsKind(kind: string, ...choices: string[]): string {
  if (choices.length === 0) return kind.slice(0, 64);
  const exact = choices.join('\u0000');
  let hash = 5381;
  for (let i = 0; i < exact.length; i++) hash = ((hash * 33) ^ exact.charCodeAt(i)) >>> 0;
  const readable = choices.map((c) => c.replace(/[^A-Za-z0-9_-]+/g, '_')).join('.');
  return `${kind}.${readable}`.slice(0, 56) + `.${hash.toString(36).padStart(7, '0').slice(-7)}`;
}

/**
 * A figure made interactive and persistent: its labels saved under `settingsKey`,
 * clicks on points with a row revealing that row of `rowDataset`, and the panels
 * `zoom` picks made zoomable (both axes) unless the builder chose already.
 */
export function withInteraction(
  figure: FigureSpec,
  how: { settingsKey: { target: string; kind: string }; rowDataset: string; zoom: (panel: PanelSpec) => boolean },
): FigureSpec {
  return {
    ...figure,
    settingsKey: how.settingsKey,
    rowDataset: how.rowDataset,
    panels: figure.panels.map((p) => (p.zoomable !== undefined || !how.zoom(p) ? p : { ...p, zoomable: true })),
  };
}
