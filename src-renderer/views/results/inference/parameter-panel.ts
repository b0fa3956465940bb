import type { TooltipItem } from 'chart.js';
import { groundPlugin, STILL_CHART } from '../../plots/chart-style';
import { fixedAxis, type ScatterConfig } from '../../plots/data-figure-kit';

/**
 * What the bootstrap histograms and the profile plots share: one small panel per
 * parameter, the parameter on x, reference lines drawn as two-point datasets, and a
 * tooltip only on the first dataset (the bars or the ζ points).
 */
export const PANEL_WIDTH = 300;
export const PANEL_HEIGHT = 220;

export function referenceLine(points: { x: number; y: number }[], colour: string, dashed: boolean, label: string, width = 1.4) {
  return { label, data: points, showLine: true, borderColor: colour, backgroundColor: colour, borderWidth: width, borderDash: dashed ? [5, 4] : [], pointRadius: 0, pointHitRadius: 0 };
}

export interface ParameterPanel {
  datasets: ScatterConfig['data']['datasets'];
  x: { title: string; range: { min: number; max: number } };
  y: { title: string; range: { min: number; max: number }; size: number };
  /** The tooltip's lines for a point of the first dataset. */
  describe: (raw: unknown) => string[];
  plugins?: ScatterConfig['plugins'];
}

export function parameterPanelConfig(panel: ParameterPanel): ScatterConfig {
  return {
    type: 'scatter',
    data: { datasets: panel.datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 8, right: 10, bottom: 2, left: 2 } },
      scales: {
        x: fixedAxis({ title: panel.x.title, ticks: true, size: 40, range: panel.x.range, vertical: false }),
        y: fixedAxis({ title: panel.y.title, ticks: true, size: panel.y.size, range: panel.y.range, vertical: true }),
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          filter: (item: TooltipItem<'scatter'>) => item.datasetIndex === 0,
          callbacks: { title: () => '', label: (item: TooltipItem<'scatter'>) => panel.describe(item.raw) },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>(), ...(panel.plugins ?? [])],
  };
}
