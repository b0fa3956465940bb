import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';
import { CategoryScale, Chart, LinearScale, Title, Tooltip, type ChartConfiguration, type TooltipItem } from 'chart.js';
import type { BoxPlotValue, BoxStats } from '@shared/data-plots';
import { formatCount, formatNumber } from '../../lib/format';
import type { TableData } from '../../lib/tsv';
import { FILL, FONT, GRID, groundPlugin, INK, MUTED, STILL_CHART } from './chart-style';

// Only what a box plot draws: boxes from the engine's statistics on a category axis, a tooltip.
Chart.register(BoxPlotController, BoxAndWiskers, CategoryScale, LinearScale, Title, Tooltip);

/** Width given to each box: 65 schools make a figure wider than the window, which scrolls sideways. */
export const BOX_SLOT = 18;
/** Room for the value axis (labels and title) left of the boxes and a margin right. */
export const BOX_CHROME = 80;
export const BOX_HEIGHT = 440;


/** A box as the plugin draws it, from the engine's numbers; whiskerMin/Max given so the plugin computes nothing. */
export interface BoxDatum {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  whiskerMin: number;
  whiskerMax: number;
  outliers: number[];
  items: number[];
  mean: number;
}

/** The figure's width: a slot per box, at least the room there is. */
export function boxFigureWidth(value: BoxPlotValue, available: number): number {
  return Math.max(Math.round(available), value.boxes.length * BOX_SLOT + BOX_CHROME);
}

/**
 * One box's drawing data. min and max only bound the value axis (the whiskers
 * or the farthest outlier); an empty level gets no box, as R leaves its slot blank.
 */
export function boxDatum(box: BoxStats): BoxDatum | null {
  if (!box.stats) return null;
  const [lower, q1, median, q3, upper] = box.stats;
  return {
    min: Math.min(lower, ...box.outliers),
    q1,
    median,
    q3,
    max: Math.max(upper, ...box.outliers),
    whiskerMin: lower,
    whiskerMax: upper,
    outliers: box.outliers,
    items: [],
    // R's boxplot draws no mean; NaN keeps the plugin from drawing one.
    mean: Number.NaN,
  };
}

/** What the tooltip says of a box. */
export function describeBox(value: BoxPlotValue, box: BoxStats): string[] {
  const head = `${value.group} ${box.level} (n = ${box.n})`;
  if (!box.stats) return [head, 'no values'];
  const [lower, q1, median, q3, upper] = box.stats;
  const f = (x: number) => formatNumber(x, 4);
  return [
    head,
    `median: ${f(median)}`,
    `hinges: ${f(q1)} to ${f(q3)}`,
    `whiskers: ${f(lower)} to ${f(upper)}`,
    box.outliers.length === 0 ? 'no outliers' : `${box.outliers.length} outlier${box.outliers.length === 1 ? '' : 's'}`,
  ];
}

export function boxCaption(value: BoxPlotValue): string {
  const order = value.order === 'median' ? 'ordered by median' : `in the order of ${value.group}’s levels`;
  const dropped = value.dropped > 0 ? ` ${formatCount(value.dropped)} row${value.dropped === 1 ? '' : 's'} with ${value.y} or ${value.group} missing left out.` : '';
  return (
    `${value.y} by ${value.group}, ${value.boxes.length} boxes ${order}, ${formatCount(value.rows)} rows (R’s boxplot(${value.y} ~ ${value.group})): ` +
    `box from hinge to hinge (Tukey’s fivenum) with the median, whiskers to the most extreme values within 1.5 × the box’s length, points beyond drawn singly.${dropped}`
  );
}

/** The numbers the figure shows, one row per box, for the table and its copy. */
export function boxTable(value: BoxPlotValue): TableData {
  return {
    header: [value.group, 'n', 'lower whisker', 'lower hinge', 'median', 'upper hinge', 'upper whisker', 'outliers'],
    rows: value.boxes.map((b) => [b.level, b.n, ...(b.stats ?? [null, null, null, null, null]), b.outliers.length]),
  };
}

export function boxChartConfig(value: BoxPlotValue): ChartConfiguration<'boxplot', (BoxDatum | null)[], string> {
  return {
    type: 'boxplot',
    data: {
      labels: value.boxes.map((b) => b.level),
      datasets: [
        {
          data: value.boxes.map(boxDatum),
          backgroundColor: FILL,
          borderColor: INK,
          medianColor: INK,
          borderWidth: 1,
          outlierStyle: 'circle',
          outlierRadius: 2.5,
          outlierBackgroundColor: 'rgba(0,0,0,0)',
          outlierBorderColor: INK,
          outlierBorderWidth: 1,
          itemRadius: 0,
          meanRadius: 0,
          barPercentage: 0.8,
          categoryPercentage: 0.9,
        },
      ],
    },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 12, right: 16, bottom: 4, left: 8 } },
      scales: {
        x: {
          type: 'category',
          grid: { display: false },
          border: { color: MUTED },
          ticks: { color: INK, autoSkip: false, minRotation: 0, maxRotation: 90, font: { size: 10.5, family: FONT } },
          title: { display: true, text: value.group, color: INK, font: { size: 12, family: FONT } },
        },
        y: {
          type: 'linear',
          grid: { color: GRID },
          border: { color: MUTED },
          ticks: { color: INK, font: { size: 11, family: FONT } },
          title: { display: true, text: value.y, color: INK, font: { size: 12, family: FONT } },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'boxplot'>) => describeBox(value, value.boxes[item.dataIndex]),
          },
        },
      },
    },
    plugins: [groundPlugin<'boxplot'>()],
  };
}
