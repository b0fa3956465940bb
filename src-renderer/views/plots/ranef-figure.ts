import type { TooltipItem } from 'chart.js';
import type { RanefTerm, RanefValue } from '@shared/model-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { FONT, groundPlugin, INK, MUTED, STILL_CHART } from './chart-style';
import { colourOf, fixedAxis, padded, tickStep, type ScatterConfig } from './data-figure-kit';
import { groupsSentence } from './scatter-figure';
import { barsPlugin, type BarDatum } from './histogram-figure';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from './figure-spec';

/** One panel of the gallery (the diagnostics' size, so the two galleries read alike). */
export const RANEF_WIDTH = 320;
export const RANEF_HEIGHT = 260;
const Y_AXIS = 56;
const X_AXIS = 40;
const DENSITY = '#D55E00';
const LINE = '#0072B2';

/** A point standing for a group level; the tooltip says which, and what its numbers are. */
interface LevelDatum {
  x: number;
  y: number;
  lines: string[];
}
/** A point standing for a data row (the fitted lines). */
interface RowPoint {
  x: number;
  y: number;
  row: number;
  lines: string[];
}

const extent = (values: readonly number[]): [number, number] => [Math.min(...values), Math.max(...values)];

/** A panel's chart: a bold title as the diagnostics have, the data kit's axes, tooltips from each datum's lines. */
function panelConfig(title: string, xTitle: string, yTitle: string, xRange: { min: number; max: number }, yRange: { min: number; max: number }, datasets: ScatterConfig['data']['datasets']): ScatterConfig {
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: 0, right: 12, bottom: 2, left: 4 } },
      scales: {
        x: fixedAxis({ title: xTitle, ticks: true, size: X_AXIS, range: xRange, vertical: false }),
        y: fixedAxis({ title: yTitle, ticks: true, size: Y_AXIS, range: yRange, vertical: true }),
      },
      plugins: {
        legend: { display: false },
        title: { display: true, text: title, color: INK, font: { size: 12.5, weight: 'bold', family: FONT }, padding: { top: 6, bottom: 6 } },
        tooltip: {
          displayColors: false,
          filter: (item: TooltipItem<'scatter'>) => Array.isArray((item.raw as Partial<LevelDatum>).lines),
          callbacks: { title: () => '', label: (item: TooltipItem<'scatter'>) => (item.raw as LevelDatum).lines },
        },
      },
    },
    plugins: [groundPlugin<'scatter'>()],
  };
}

function line(points: { x: number; y: number }[], colour = MUTED, dashed = true) {
  return { data: points, showLine: true, borderColor: colour, borderWidth: dashed ? 1 : 1.6, borderDash: dashed ? [4, 3] : [], pointRadius: 0, pointHitRadius: 0, pointHoverRadius: 0 };
}

function dots(data: (LevelDatum | RowPoint)[], radius: number | number[] = 2.6) {
  return { data, pointRadius: radius, pointHoverRadius: 4.5, pointBackgroundColor: 'rgba(0,114,178,0.15)', pointBorderColor: LINE, pointBorderWidth: 0.9 };
}

/** qqnorm of a term's modes with qqline (the line through the quartiles). */
export function qqConfig(v: RanefValue, t: RanefTerm): ScatterConfig {
  const data: LevelDatum[] = t.modes.map((m, a) => ({ x: t.theoretical[a], y: m, lines: [`${v.group} ${v.levels[a]}`, `${t.name}: ${formatNumber(m, 4)}`, `normal quantile: ${formatNumber(t.theoretical[a], 4)}`] }));
  const xr = padded(extent(t.theoretical));
  const yr = padded(extent(t.modes));
  const ends = [xr.min, xr.max].map((x) => ({ x, y: t.intercept + t.slope * x }));
  return panelConfig(`Normal Q-Q: ${t.name}`, 'Theoretical quantiles', `${t.name} (mode)`, xr, yr, [dots(data), line(ends)]);
}

/** hist(modes, freq = FALSE) with density(modes) over it. */
export function histogramConfig(v: RanefValue, t: RanefTerm): ScatterConfig {
  const { breaks, counts } = t.histogram;
  const total = counts.reduce((a, b) => a + b, 0);
  const bars: BarDatum[] = counts.map((count, i) => ({ x: (breaks[i] + breaks[i + 1]) / 2, y: count / (total * (breaks[i + 1] - breaks[i])), lower: breaks[i], upper: breaks[i + 1], count }));
  const d = t.density;
  const top = Math.max(...bars.map((b) => b.y), ...(d ? d.y : []));
  const lo = Math.min(breaks[0], ...(d ? [d.x[0]] : []));
  const hi = Math.max(breaks[breaks.length - 1], ...(d ? [d.x[d.x.length - 1]] : []));
  const tops: LevelDatum[] = bars.map((b) => ({ x: b.x, y: b.y, lines: [`${t.name} in (${formatNumber(b.lower, 4)}, ${formatNumber(b.upper, 4)}]`, `${b.count} of ${total} ${v.group}s`, `density: ${formatNumber(b.y, 4)}`] }));
  const config = panelConfig(`Histogram: ${t.name}`, `${t.name} (mode)`, 'Density', padded([lo, hi]), { min: 0, max: top * 1.04 }, [
    { data: tops, pointRadius: 0, pointHitRadius: 14, pointHoverRadius: 0 },
    line(d ? d.x.map((x, i) => ({ x, y: d.y[i] })) : [], DENSITY, false),
  ]);
  config.plugins = [...config.plugins!, barsPlugin(bars)];
  return config;
}

/** The modes in the factor's level order with a line at zero (the note's random intercept plot). */
export function byLevelConfig(v: RanefValue, t: RanefTerm): ScatterConfig {
  const L = v.levels.length;
  const data: LevelDatum[] = t.modes.map((m, a) => ({ x: a + 1, y: m, lines: [`${v.group} ${v.levels[a]}`, `${t.name}: ${formatNumber(m, 4)}`] }));
  const xr = { min: 0.5, max: L + 0.5 };
  const config = panelConfig(`${t.name} by ${v.group}`, `${v.group} (level order)`, `${t.name} (mode)`, xr, padded(extent(t.modes)), [
    dots(data),
    line([{ x: xr.min, y: 0 }, { x: xr.max, y: 0 }]),
  ]);
  const x = config.options!.scales!.x as ReturnType<typeof fixedAxis>;
  const step = Math.max(1, Math.round(tickStep(1, L, 6)));
  // Level names at whole positions (a label every `step` levels when there are many).
  config.options!.scales!.x = { ...x, ticks: { ...x.ticks, stepSize: step, callback: (value: number | string) => v.levels[Number(value) - 1] ?? '' } };
  return config;
}

/** The shrinkage factor's reading of each group: e_i, its BLUP, n_i and n_i τ²/(σ² + n_i τ²). */
export function describeShrinkage(v: RanefValue, a: number): string[] {
  const s = v.shrinkage!;
  return [
    `${v.group} ${v.levels[a]}`,
    `n = ${s.n[a]}`,
    `mean raw residual e: ${formatNumber(s.meanResidual[a], 4)}`,
    `BLUP: ${formatNumber(s.blup[a], 4)}`,
    `shrinkage n τ²/(σ² + n τ²): ${formatNumber(s.factor[a], 4)}`,
  ];
}

/** Point radii by group size: area in proportion to n, from 1.8 to 6 pixels. */
export function sizeRadii(n: readonly number[]): number[] {
  const most = Math.max(...n, 1);
  return n.map((k) => 1.8 + 4.2 * Math.sqrt(k / most));
}

/** Each group's BLUP against its mean raw residual, the identity line showing how far it is pulled to 0. */
export function shrinkageConfig(v: RanefValue): ScatterConfig {
  const s = v.shrinkage!;
  const data: LevelDatum[] = s.blup.map((b, a) => ({ x: s.meanResidual[a], y: b, lines: describeShrinkage(v, a) }));
  const range = padded(extent([...s.meanResidual, ...s.blup]));
  return panelConfig('Shrinkage to the BLUP', 'Mean raw residual ē = mean(y − Xβ̂)', 'BLUP (mode)', range, range, [
    dots(data, sizeRadii(s.n)),
    line([{ x: range.min, y: range.min }, { x: range.max, y: range.max }]),
    line([{ x: range.min, y: 0 }, { x: range.max, y: 0 }], '#c3c9cf'),
  ]);
}

/** The fitted values of each group joined in x order: thin grey lines when many, a colour each when few. */
export function linesConfig(v: RanefValue): ScatterConfig {
  const lines = v.lines!;
  const many = lines.series.length > 12;
  const xs = lines.series.flatMap((s) => s.x);
  const ys = lines.series.flatMap((s) => s.y);
  const datasets = lines.series.map((s, k) => ({
    data: s.x.map((x, i): RowPoint => ({ x, y: s.y[i], row: s.row[i], lines: [`row ${s.row[i]}`, `${v.group} ${s.level}`, `${lines.x}: ${formatNumber(x, 4)}`, `fitted: ${formatNumber(s.y[i], 4)}`] })),
    showLine: true,
    borderColor: many ? 'rgba(29,35,41,0.4)' : colourOf(k),
    backgroundColor: many ? 'rgba(29,35,41,0.4)' : colourOf(k),
    borderWidth: many ? 0.8 : 1.4,
    // Few lines: their rows' points too; many: the lines alone (each point still answers the tooltip).
    pointRadius: many ? 0 : 1.6,
    pointHitRadius: 4,
    pointHoverRadius: 3.5,
  }));
  if (xs.length === 0) return panelConfig(`Fitted lines by ${v.group}`, lines.x, `Fitted ${v.response}`, { min: 0, max: 1 }, { min: 0, max: 1 }, []);
  return panelConfig(`Fitted lines by ${v.group}`, lines.x, `Fitted ${v.response}`, padded(extent(xs)), padded(extent(ys)), datasets);
}

export function ranefCaption(v: RanefValue, modelName: string): string {
  const terms = v.terms.map((t) => t.name).join(' and ');
  const bws = v.terms.map((t) => `${t.name} ${t.density ? formatNumber(t.density.bw, 3) : 'NA'}`).join(', ');
  const parts = [
    `Random effects of ${modelName}: ${v.formula}, the conditional modes (R: ranef(${modelName})$${v.group}) of ${terms} for ${formatCount(v.levels.length)} levels of ${v.group}.`,
    `Normal Q-Q plots of the modes with the line through the quartiles (qqnorm, qqline); histograms with R’s hist() breaks on the density scale with density() (gaussian kernel, bw.nrd0: ${bws}); the modes in ${v.group}’s level order with a line at 0.`,
  ];
  if (v.shrinkage) {
    parts.push(
      `Shrinkage: each ${v.group}’s BLUP against its mean raw residual ē = mean(y − Xβ̂), point area by its size n; the BLUP is ē × n τ̂²/(σ̂² + n τ̂²) with τ̂² = ${formatNumber(v.shrinkage.tau2, 4)}, σ̂² = ${formatNumber(v.shrinkage.sigma2, 4)}: small groups are pulled furthest from the dashed identity line towards 0.`,
    );
  }
  if (v.lines) {
    const l = v.lines;
    const shape = l.straight ? 'straight lines, as ' + l.x + ' is the only covariate' : `joined in ${l.x} order (other covariates vary within a group, so the lines need not be straight)`;
    const thin = l.thinned ? ' Too many points to draw: each line keeps its ends and evenly spaced points between.' : '';
    parts.push(`Fitted values of ${groupsSentence(v.group, l.groups)} against ${l.x}, ${shape}.${thin}`);
  }
  return parts.join(' ');
}

/** The gallery: per term a QQ plot, a histogram and the modes by level; then the shrinkage and the fitted lines. */
export function ranefFigure(v: RanefValue, modelName: string): FigureSpec {
  const panels: PanelSpec[] = [];
  const add = (key: string, label: string, config: () => ScatterConfig) => panels.push({ key, label, width: RANEF_WIDTH, height: RANEF_HEIGHT, config: () => looseConfig(config()) });
  v.terms.forEach((t, k) => {
    add(`qq-${k}`, `Normal QQ plot of the ${t.name} modes by ${v.group}`, () => qqConfig(v, t));
    add(`hist-${k}`, `Histogram and density of the ${t.name} modes by ${v.group}`, () => histogramConfig(v, t));
    add(`level-${k}`, `${t.name} modes in ${v.group}’s level order`, () => byLevelConfig(v, t));
  });
  if (v.shrinkage) add('shrinkage', `BLUP against the mean raw residual of each ${v.group}`, () => shrinkageConfig(v));
  if (v.lines) add('lines', `Fitted values against ${v.lines.x}, a line per ${v.group}`, () => linesConfig(v));
  return { caption: ranefCaption(v, modelName), columns: 3, panels, fileStem: fileStem(`${modelName}-${v.group}`, 'ranef'), groups: v.levels.length };
}
