import { Chart, LinearScale, Title, Tooltip, type ChartConfiguration, type Plugin, type TooltipItem } from 'chart.js';
import { PointWithErrorBar, ScatterWithErrorBarsController } from 'chartjs-chart-error-bars';
import { formatNumber } from '../../lib/format';
import { FONT, GRID, groundPlugin, INK, MUTED, STILL_CHART } from './chart-style';
import type { IntervalFigure, IntervalPanel } from './interval-figure';

// Only what a panel draws: points with horizontal intervals on linear axes, a strip title, a tooltip.
Chart.register(ScatterWithErrorBarsController, PointWithErrorBar, LinearScale, Title, Tooltip);

/** Height of one group's row, enough for a readable label (65 schools make a tall figure that scrolls). */
export const ROW_HEIGHT = 14;
/** Room for the strip title above and the value axis with its title below. */
export const PANEL_CHROME = 78;
/** The width of the group labels and their title, left of the first panel only. */
export const GROUP_AXIS_WIDTH = 64;

type Datum = { x: number; y: number; xMin: number; xMax: number; group: string; lower: number | null; upper: number | null };

export function panelHeight(figure: IntervalFigure): number {
  return figure.groups.length * ROW_HEIGHT + PANEL_CHROME;
}

/** What the tooltip says of a point: the group, its value, its interval. */
export function describePoint(figure: IntervalFigure, panel: IntervalPanel, d: { group: string; x: number; lower: number | null; upper: number | null }): string[] {
  const interval = d.lower === null || d.upper === null ? '95% interval: NA' : `95% interval: [${formatNumber(d.lower, 4)}, ${formatNumber(d.upper, 4)}]`;
  return [`${figure.groupTitle} ${d.group}`, `${panel.title}: ${formatNumber(d.x, 4)}`, interval];
}

/**
 * The chart.js configuration of one panel: groups at integer positions on y
 * (0 at the bottom; the figure lists them top first), labelled only on the
 * first panel so panels side by side share one group axis.
 */
export function panelConfig(figure: IntervalFigure, panel: IntervalPanel, first: boolean): ChartConfiguration<'scatterWithErrorBars', Datum[]> {
  const n = figure.groups.length;
  const position = new Map(figure.groups.map((g, i) => [g, n - 1 - i]));
  const data: Datum[] = panel.points.map((p) => ({
    x: p.value,
    y: position.get(p.group) ?? 0,
    // The plugin draws xMin..xMax; a missing limit draws no bar on that side.
    xMin: p.lower ?? p.value,
    xMax: p.upper ?? p.value,
    group: p.group,
    lower: p.lower,
    upper: p.upper,
  }));
  const referenceLine: Plugin<'scatterWithErrorBars'> = {
    id: 'referenceLine',
    beforeDatasetsDraw(chart) {
      if (panel.referenceLine === null) return;
      const { ctx, chartArea, scales } = chart;
      const x = scales.x.getPixelForValue(panel.referenceLine);
      if (x < chartArea.left || x > chartArea.right) return;
      ctx.save();
      ctx.strokeStyle = MUTED;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
  return {
    type: 'scatterWithErrorBars',
    data: {
      datasets: [
        {
          data,
          backgroundColor: INK,
          borderColor: INK,
          pointRadius: 2.5,
          pointHoverRadius: 4,
          errorBarColor: INK,
          errorBarWhiskerColor: INK,
          errorBarLineWidth: 1,
          errorBarWhiskerLineWidth: 1,
          errorBarWhiskerSize: 0,
        },
      ],
    },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 0, right: 16, bottom: 0, left: first ? 0 : 14 } },
      scales: {
        x: {
          type: 'linear',
          grid: { color: GRID, drawTicks: true },
          border: { color: MUTED },
          ticks: { color: INK, maxTicksLimit: 6, font: { size: 11, family: FONT } },
          title: { display: true, text: figure.valueTitle, color: INK, font: { size: 12, family: FONT } },
        },
        y: {
          type: 'linear',
          min: -0.5,
          max: n - 0.5,
          afterBuildTicks(scale) {
            scale.ticks = figure.groups.map((_, i) => ({ value: i }));
          },
          afterFit(scale) {
            scale.width = first ? GROUP_AXIS_WIDTH : 0;
          },
          grid: { color: GRID, drawTicks: false },
          border: { color: MUTED },
          ticks: {
            display: first,
            autoSkip: false,
            padding: 4,
            color: INK,
            font: { size: 10.5, family: FONT },
            callback: (value) => figure.groups[n - 1 - Number(value)] ?? '',
          },
          title: { display: first, text: figure.groupTitle, color: INK, font: { size: 12, family: FONT } },
        },
      },
      plugins: {
        legend: { display: false },
        title: { display: true, text: panel.title, color: INK, font: { size: 12.5, weight: 'bold', family: FONT }, padding: { top: 6, bottom: 8 } },
        tooltip: {
          displayColors: false,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatterWithErrorBars'>) => describePoint(figure, panel, item.raw as Datum),
          },
        },
      },
    },
    plugins: [groundPlugin<'scatterWithErrorBars'>(), referenceLine],
  };
}
