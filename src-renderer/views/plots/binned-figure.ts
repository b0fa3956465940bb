import { Chart, LinearScale, LineElement, PointElement, ScatterController, Title, Tooltip, type ChartConfiguration, type ChartDataset, type TooltipItem } from 'chart.js';
import type { BinnedValue } from '@shared/model-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { FONT, GRID, groundPlugin, INK, MUTED, PIXEL_RATIO } from './chart-style';
import { fileStem, looseConfig, type FigureSpec } from './figure-spec';

Chart.register(ScatterController, PointElement, LineElement, LinearScale, Title, Tooltip);

export const BINNED_WIDTH = 560;
export const BINNED_HEIGHT = 380;
/** arm draws the ±2·SE band in gray beside black points. */
const BAND = '#8a949e';

/** A bin as chart.js keeps it: where it is drawn and what its tooltip says (a bin stands for many rows, so it has no row). */
export interface BinPoint {
  x: number;
  y: number;
  bin: number;
  n: number;
  lo: number;
  hi: number;
  se2: number;
}

export function binPoints(value: BinnedValue): BinPoint[] {
  const b = value.bins;
  return b.xbar.map((x, k) => ({ x, y: b.ybar[k], bin: k + 1, n: b.n[k], lo: b.xLo[k], hi: b.xHi[k], se2: b.se2[k] }));
}

export function describeBin(d: BinPoint): string[] {
  return [
    `bin ${d.bin}: ${formatCount(d.n)} rows`,
    `fitted from ${formatNumber(d.lo, 4)} to ${formatNumber(d.hi, 4)} (mean ${formatNumber(d.x, 4)})`,
    `mean residual: ${formatNumber(d.y, 4)}`,
    `±2 SE: ${formatNumber(d.se2, 4)}`,
  ];
}

type Dataset = ChartDataset<'scatter', { x: number; y: number }[]>;

function line(points: { x: number; y: number }[], color: string, dashed: boolean): Dataset {
  return { data: points, showLine: true, borderColor: color, borderWidth: dashed ? 1 : 1.4, borderDash: dashed ? [4, 3] : [], pointRadius: 0, pointHoverRadius: 0, order: 1 };
}

/** arm's binnedplot default, in words, for the rows at hand. */
function binRule(n: number): string {
  if (n >= 100) return '⌊√n⌋ as arm’s binnedplot chooses for 100 rows or more';
  if (n > 10) return '10 as arm’s binnedplot chooses for 11 to 99 rows';
  return '⌊n/2⌋ as arm’s binnedplot chooses for 10 rows or fewer';
}

export function binnedCaption(value: BinnedValue, modelName: string, chosen = false): string {
  const merged = value.bins.n.length < value.binsAsked ? ` (${value.binsAsked} asked; ties in the fitted values merged some)` : '';
  return (
    `Binned residuals of ${modelName}: ${value.formula}, ${value.family} (${value.link}), ${formatCount(value.nobs)} observations in ${value.bins.n.length} bins of about equal size${merged}, ` +
    `${chosen ? `a number chosen by hand (arm’s default: ${binRule(value.nobs).replace(' as arm’s binnedplot chooses', '')})` : binRule(value.nobs)}. Each point is a bin’s mean fitted value and mean residual (observed − fitted); ` +
    `the gray lines are ±2 standard errors of the mean residual, within which about 95% of the bins should lie if the model fits.`
  );
}

/** arm::binnedplot(fitted(m), resid(m, type = "response")) as one panel. */
export function binnedFigure(value: BinnedValue, modelName: string, chosen = false): FigureSpec {
  const points = binPoints(value);
  const upper = points.map((p) => ({ x: p.x, y: p.se2 }));
  const lower = points.map((p) => ({ x: p.x, y: -p.se2 }));
  const xs = points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const config = (): ChartConfiguration<'scatter', { x: number; y: number }[]> => ({
    type: 'scatter',
    data: {
      datasets: [
        { data: points, pointRadius: 3, pointHoverRadius: 5, pointBackgroundColor: INK, pointBorderColor: INK, order: 0 },
        line(upper, BAND, false),
        line(lower, BAND, false),
        line([{ x: x0, y: 0 }, { x: x1, y: 0 }], MUTED, true),
      ],
    },
    options: {
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: PIXEL_RATIO,
      layout: { padding: { top: 0, right: 12, bottom: 2, left: 4 } },
      font: { family: FONT },
      scales: { x: axis('Expected values (mean fitted value of the bin)'), y: axis('Average residual') },
      plugins: {
        legend: { display: false },
        title: { display: true, text: 'Binned residual plot', color: INK, font: { size: 12.5, weight: 'bold', family: FONT }, padding: { top: 6, bottom: 6 } },
        tooltip: {
          displayColors: false,
          filter: (item) => item.datasetIndex === 0,
          callbacks: { title: () => '', label: (item: TooltipItem<'scatter'>) => describeBin(item.raw as BinPoint) },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>()],
  });
  return {
    caption: binnedCaption(value, modelName, chosen),
    columns: 1,
    panels: [{ key: 'binned', label: 'Mean residual of each bin of fitted values, with ±2 standard error bands', width: BINNED_WIDTH, height: BINNED_HEIGHT, config: () => looseConfig(config()), zoomable: true }],
    fileStem: fileStem(modelName, 'binned'),
    groups: points.length,
  };
}

function axis(title: string) {
  return {
    type: 'linear' as const,
    grid: { color: GRID },
    border: { color: MUTED },
    ticks: { color: INK, maxTicksLimit: 7, font: { size: 10.5, family: FONT } },
    title: { display: true, text: title, color: INK, font: { size: 11.5, family: FONT } },
  };
}
