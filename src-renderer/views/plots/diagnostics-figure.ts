import { Chart, Filler, LinearScale, LineElement, PointElement, ScatterController, Title, Tooltip, type ChartConfiguration, type ChartDataset, type TooltipItem } from 'chart.js';
import type { DiagnosticsValue, PanelPoints } from '@shared/model-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { boxChartConfig } from './box-chart';
import { FILL, FONT, GRID, groundPlugin, INK, MUTED, STILL_CHART } from './chart-style';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from './figure-spec';

// Points, lines through them (smooths, reference lines) and filled outlines (the histogram).
Chart.register(ScatterController, PointElement, LineElement, LinearScale, Filler, Title, Tooltip);

/** One panel of the gallery; several fit side by side in a report-sized figure. */
export const DIAG_WIDTH = 320;
export const DIAG_HEIGHT = 260;
/** R's plot.lm draws its smooths in red; so does the gallery, to tell them from the points. */
export const SMOOTH = '#d0312d';
const POINT = 'rgba(29, 35, 41, 0.55)';

/** A point of a panel as chart.js keeps it: the position and what the tooltip says. */
export interface DiagPoint {
  x: number;
  y: number;
  row: number;
  group: string | null;
  fitted: number;
  resid: number;
}

export function panelPoints(value: DiagnosticsValue, p: PanelPoints): DiagPoint[] {
  return p.x.map((x, i) => ({
    x,
    y: p.y[i],
    row: p.row[i],
    group: p.group[i] >= 0 ? (value.groupLevels[p.group[i]] ?? null) : null,
    fitted: p.fitted[i],
    resid: p.resid[i],
  }));
}

/** What the tooltip says of a point: its data row, its group, its fitted value and residual. */
export function describeDiagPoint(value: DiagnosticsValue, d: DiagPoint): string[] {
  return [
    `row ${d.row}`,
    ...(d.group !== null && value.groupName ? [`${value.groupName} ${d.group}`] : []),
    `fitted: ${formatNumber(d.fitted, 4)}`,
    `residual: ${formatNumber(d.resid, 4)}`,
  ];
}

/** The histogram's outline, bar by bar down to 0, so filled it reads as R's hist(). */
export function histogramOutline(breaks: readonly number[], counts: readonly number[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  counts.forEach((c, i) => {
    out.push({ x: breaks[i], y: 0 }, { x: breaks[i], y: c }, { x: breaks[i + 1], y: c }, { x: breaks[i + 1], y: 0 });
  });
  return out;
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

type Dataset = ChartDataset<'scatter', { x: number; y: number }[]>;

function pointsDataset(value: DiagnosticsValue, p: PanelPoints): Dataset {
  return { data: panelPoints(value, p), pointRadius: 1.8, pointHoverRadius: 4, pointBackgroundColor: 'rgba(0,0,0,0)', pointBorderColor: POINT, pointBorderWidth: 0.8, order: 2 };
}

function lineDataset(points: { x: number; y: number }[], color: string, dashed = false): Dataset {
  return { data: points, showLine: true, borderColor: color, borderWidth: dashed ? 1 : 1.6, borderDash: dashed ? [4, 3] : [], pointRadius: 0, pointHoverRadius: 0, order: 1 };
}

/** A horizontal line at y across the x values drawn. */
function hline(xs: readonly number[], y: number): Dataset {
  const [lo, hi] = extent(xs);
  return lineDataset([{ x: lo, y }, { x: hi, y }], MUTED, true);
}

/** A scatter panel: points, lines, axis titles and the tooltip of the points (dataset 0). */
export function scatterConfig(value: DiagnosticsValue, title: string, xTitle: string, yTitle: string, datasets: Dataset[]): ChartConfiguration<'scatter', { x: number; y: number }[]> {
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 0, right: 12, bottom: 2, left: 4 } },
      scales: {
        x: axis(xTitle),
        y: axis(yTitle),
      },
      plugins: {
        legend: { display: false },
        title: { display: true, text: title, color: INK, font: { size: 12.5, weight: 'bold', family: FONT }, padding: { top: 6, bottom: 6 } },
        tooltip: {
          displayColors: false,
          filter: (item) => item.datasetIndex === 0 && 'row' in (item.raw as object),
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatter'>) => describeDiagPoint(value, item.raw as DiagPoint),
          },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>()],
  };
}

function axis(title: string) {
  return {
    type: 'linear' as const,
    grid: { color: GRID },
    border: { color: MUTED },
    ticks: { color: INK, maxTicksLimit: 6, font: { size: 10.5, family: FONT } },
    title: { display: true, text: title, color: INK, font: { size: 11.5, family: FONT } },
  };
}

function curve(c: { x: number[]; y: number[] }): { x: number; y: number }[] {
  return c.x.map((x, i) => ({ x, y: c.y[i] }));
}

/** The gallery's caption: model, rows, what each smooth and line is, and thinning when it happened. */
export function diagnosticsCaption(value: DiagnosticsValue, modelName: string): string {
  const std =
    value.standardized === 'rstandard'
      ? 'standardized residuals (rstandard)'
      : value.standardized === 'pearson/group-sigma'
        ? 'standardized residuals (nlme’s Pearson residuals: each over its group’s own σ)'
        : 'standardized residuals (Pearson residuals / σ)';
  const thin = value.thinned
    ? ` With ${formatCount(value.nobs)} rows, each panel draws at most 20,000 points (one per occupied cell of a 100 × 100 grid, every point of cells with one or two); the smooths, the QQ line and the histogram use every row.`
    : '';
  return (
    `Diagnostics of ${modelName}: ${value.formula}, ${formatCount(value.nobs)} observations. ` +
    `Red curves: lowess (f = 2/3) as R’s panel.smooth; QQ plot of the ${std} with the line through the quartiles (qqline); histogram with R’s hist() breaks.${thin}`
  );
}

/** The panels of the gallery, in reading order: the two R's plot(lm) opens with first. */
export function diagnosticsFigure(value: DiagnosticsValue, modelName: string): FigureSpec {
  const panels: PanelSpec[] = [];
  const add = (key: string, label: string, config: PanelSpec['config']) => panels.push({ key, label, width: DIAG_WIDTH, height: DIAG_HEIGHT, config });
  const rf = value.residualsFitted;
  add('residuals-fitted', 'Residuals against fitted values, with a lowess smooth', () =>
    looseConfig(scatterConfig(value, 'Residuals vs fitted', 'Fitted values', 'Residuals', [pointsDataset(value, rf.points), lineDataset(curve(rf.smooth), SMOOTH), hline(rf.points.x, 0)])),
  );
  const qq = value.qq;
  const [q0, q1] = extent(qq.points.x);
  add('qq', 'Normal QQ plot of the standardized residuals', () =>
    looseConfig(
      scatterConfig(value, 'Normal Q-Q', 'Theoretical quantiles', 'Standardized residuals', [
        pointsDataset(value, qq.points),
        lineDataset([{ x: q0, y: qq.intercept + qq.slope * q0 }, { x: q1, y: qq.intercept + qq.slope * q1 }], MUTED, true),
      ]),
    ),
  );
  const sl = value.scaleLocation;
  add('scale-location', 'Square root of the absolute standardized residuals against fitted values, with a lowess smooth', () =>
    looseConfig(scatterConfig(value, 'Scale-location', 'Fitted values', '√|standardized residuals|', [pointsDataset(value, sl.points), lineDataset(curve(sl.smooth), SMOOTH)])),
  );
  const h = value.histogram;
  add('histogram', 'Histogram of the residuals', () => {
    const config = scatterConfig(value, 'Histogram of residuals', 'Residuals', 'Frequency', [
      { data: histogramOutline(h.breaks, h.counts), showLine: true, fill: 'origin', backgroundColor: FILL, borderColor: INK, borderWidth: 1, pointRadius: 0, pointHoverRadius: 0 },
    ]);
    config.options!.scales!.x = { ...axis('Residuals'), min: h.breaks[0], max: h.breaks[h.breaks.length - 1] };
    config.options!.scales!.y = { ...axis('Frequency'), min: 0 };
    config.options!.plugins!.tooltip = { enabled: false };
    return looseConfig(config);
  });
  const of = value.observedFitted;
  const [o0, o1] = extent([...of.points.x, ...of.points.y]);
  add('observed-fitted', 'Observed values against fitted values, with the identity line', () =>
    looseConfig(
      scatterConfig(value, 'Observed vs fitted', 'Fitted values', `Observed ${value.response}`, [
        pointsDataset(value, of.points),
        lineDataset([{ x: o0, y: o0 }, { x: o1, y: o1 }], MUTED, true),
      ]),
    ),
  );
  const ro = value.residualsObserved;
  add('residuals-observed', `Observed ${value.response} against the residuals`, () =>
    looseConfig(scatterConfig(value, `Residuals vs observed`, 'Residuals', `Observed ${value.response}`, [pointsDataset(value, ro.points)])),
  );
  const rp = value.residualsPredictor;
  if (rp && value.predictor) {
    const predictor = value.predictor;
    add('residuals-predictor', `Residuals against ${predictor}`, () =>
      looseConfig(scatterConfig(value, `Residuals vs ${predictor}`, predictor, 'Residuals', [pointsDataset(value, rp.points), hline(rp.points.x, 0)])),
    );
  }
  const rg = value.residualsGroup;
  if (rg && value.groupName) {
    const group = value.groupName;
    add('residuals-group', `Box plots of the residuals by ${group}`, () => {
      const config = boxChartConfig({ kind: 'box', datasetId: '', y: 'Residuals', group, order: 'level', boxes: rg.boxes, rows: value.nobs, dropped: 0 });
      const x = config.options!.scales!.x!;
      config.options!.scales!.x = { ...x, ticks: { ...x.ticks, autoSkip: true, maxRotation: 0, font: { size: 10, family: FONT } } };
      config.options!.plugins!.title = { display: true, text: `Residuals by ${group}`, color: INK, font: { size: 12.5, weight: 'bold', family: FONT }, padding: { top: 6, bottom: 6 } };
      config.options!.layout = { padding: { top: 0, right: 12, bottom: 2, left: 4 } };
      config.data.datasets[0].outlierRadius = 1.8;
      return looseConfig(config);
    });
  }
  return { caption: diagnosticsCaption(value, modelName), columns: 3, panels, fileStem: fileStem(modelName, 'diagnostics'), groups: value.nobs };
}
