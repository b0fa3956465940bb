import type { FigureSpec, PanelChart } from './figure-spec';
import { gridBoxes } from './figure-grid';
import { withAxisLabels, type FigureLabels } from './figure-labels';
import { composeSvg } from './figure-svg';
import { panelSvg } from './figure-svg-render';
import { withViewRanges, type ViewRanges } from './figure-view-range';

/** The ranges a drawn chart shows on its axes, when zoom or pan moved them; null otherwise. */
export function shownRanges(chart: PanelChart | undefined): ViewRanges | null {
  const zoomed = chart as (PanelChart & { isZoomedOrPanned?: () => boolean }) | undefined;
  if (!zoomed?.isZoomedOrPanned?.()) return null;
  return Object.fromEntries(Object.entries(zoomed.scales).map(([id, s]) => [id, { min: s.min, max: s.max }]));
}

/**
 * The figure as one SVG document: each panel's configuration with the labels
 * and the view on screen (a zoomed panel is exported zoomed), rendered as SVG
 * and placed where the grid puts it, under the figure's title.
 */
export function figureSvg(figure: FigureSpec, labels: FigureLabels, charts: ReadonlyMap<string, PanelChart>): string {
  const layout = gridBoxes(figure.panels, figure.columns);
  const panels = figure.panels.map((panel, i) => {
    const config = withViewRanges(withAxisLabels(panel.config(), labels), shownRanges(charts.get(panel.key)));
    return { box: layout.boxes[i], svg: panelSvg(config, panel.width, panel.height) };
  });
  return composeSvg({ width: layout.width, height: layout.height, title: labels.title?.trim() || undefined, panels });
}
