import type { Plugin } from 'chart.js';
import type { PairsValue } from '@shared/data-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { FONT, groundPlugin, INK, STILL_CHART } from './chart-style';
import { colourOf, fixedAxis, padded, rowTooltip, STRIP_HEIGHT, stripPlugin, type RowDatum, type ScatterConfig } from './data-figure-kit';
import { barData, barTop, boxData, countData, factorDrawPlugin, factorRange, factorTooltip, isFactor, levelsOf, outlierData } from './pairs-factor-cells';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from './figure-spec';

/** Each cell's plot area; the first column and the last row carry the axes. */
export const PAIRS_CELL = 150;
const Y_AXIS = 40;
const X_AXIS = 22;

/** ggpairs' upper panels: "Corr: 0.612" for all rows, then one line per colour level. */
export function correlationLines(v: PairsValue, i: number, j: number): { text: string; colour: string }[] {
  const f = (r: number | null) => (r === null ? 'NA' : formatNumber(r, 3));
  const lines = [{ text: `Corr: ${f(v.cor[i][j])}`, colour: INK }];
  if (v.colour) v.levels.forEach((level, k) => lines.push({ text: `${level}: ${f(v.corByLevel[k][i][j])}`, colour: colourOf(k) }));
  return lines;
}

export function pairsCaption(v: PairsValue): string {
  const by = v.colour ? `, coloured by ${v.colour}` : '';
  const left = v.dropped > 0 ? ` ${formatCount(v.dropped)} row${v.dropped === 1 ? '' : 's'} with a missing value left out.` : '';
  const thin = v.thinned > 0 ? ` Too many points to draw: ${formatCount(v.thinned)} points in dense places are not drawn.` : '';
  return `Pairs plot of ${v.variables.join(', ')}${by}, ${formatCount(v.rows)} rows (as GGally::ggpairs): ${v.factorLevels?.some((l) => l !== null) ? 'for numbers, ' : ''}scatter plots below the diagonal, each variable’s density on it (R: density(), bw.nrd0), Pearson correlations above${v.colour ? ', overall and within each level' : ''}.${factorCaption(v)}${left}${thin}`;
}

/** What the factor cells show, and where they differ from ggpairs' defaults. */
function factorCaption(v: PairsValue): string {
  const factors = v.variables.filter((_, i) => isFactor(v, i));
  if (factors.length === 0) return '';
  const side = v.colour ? `, one per ${v.colour} level side by side` : '';
  const two = factors.length >= 2 ? ' Two factors: a square per level combination, its area proportional to the count (ggpairs’ count).' : '';
  const numeric = factors.length < v.variables.length;
  const boxes = numeric
    ? ` Factor against a number: box plots (R: boxplot.stats, whiskers at 1.5 × the hinge spread) per level${side}, above and below the diagonal. ggpairs draws box plots above (box_no_facet) but faceted histograms below (facethist: the number across, one small histogram per level); box plots are drawn below too so that every cell keeps its column’s and row’s axes, and both triangles show R’s boxplot.stats.`
    : '';
  return ` ${factors.join(', ')}: bars of the counts per level on the diagonal${side} (ggpairs’ barDiag).${boxes}${two}`;
}

function textPlugin(lines: { text: string; colour: string }[]): Plugin<'scatter'> {
  return {
    id: 'correlations',
    afterDraw(chart) {
      const { ctx, chartArea } = chart;
      const cx = (chartArea.left + chartArea.right) / 2;
      const lineHeight = 17;
      let y = (chartArea.top + chartArea.bottom) / 2 - ((lines.length - 1) * lineHeight) / 2;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const [k, line] of lines.entries()) {
        ctx.font = `${k === 0 ? 600 : 400} ${k === 0 ? 13 : 12}px ${FONT}`;
        ctx.fillStyle = line.colour;
        ctx.fillText(line.text, cx, y);
        y += lineHeight;
      }
      ctx.restore();
    },
  };
}

/** Cell (i, j): row i, column j; below the diagonal x = variable j, y = variable i. */
export function pairsCellConfig(v: PairsValue, i: number, j: number): ScatterConfig {
  const p = v.variables.length;
  const firstColumn = j === 0;
  const lastRow = i === p - 1;
  const rangeOf = (k: number) => (isFactor(v, k) ? factorRange(levelsOf(v, k)) : padded(v.ranges[k]));
  const xRange = rangeOf(j);
  let yRange = rangeOf(i);
  let datasets: ScatterConfig['data']['datasets'] = [];
  const plugins: Plugin<'scatter'>[] = [groundPlugin<'scatter'>()];
  const discrete = isFactor(v, i) || isFactor(v, j);
  if (discrete) {
    plugins.push(factorDrawPlugin(v, i, j));
    const quiet = { pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 8, borderWidth: 0 };
    if (i === j) {
      yRange = { min: 0, max: barTop(v, i) * 1.06 };
      datasets = [{ label: '', data: barData(v, i), ...quiet }];
    } else if (isFactor(v, i) && isFactor(v, j)) {
      datasets = [{ label: '', data: countData(v, i, j), ...quiet }];
    } else {
      const vertical = isFactor(v, j);
      const [factor, numeric] = vertical ? [j, i] : [i, j];
      datasets = [
        { label: '', data: boxData(v, factor, numeric, vertical), ...quiet },
        ...outlierData(v, factor, numeric, vertical).map((data, k) => ({
          label: v.levels[k],
          data,
          backgroundColor: 'transparent',
          borderColor: v.colour ? colourOf(k) : INK,
          borderWidth: 1,
          pointRadius: 2,
          pointHoverRadius: 3.5,
        })),
      ];
    }
  } else if (i === j) {
    const curves = v.densities[i];
    const top = Math.max(...curves.flatMap((c) => (c ? c.y : [0])));
    yRange = { min: 0, max: top * 1.06 || 1 };
    datasets = curves.map((c, k) => ({
      label: v.levels[k],
      data: c ? c.x.map((x, n) => ({ x, y: c.y[n] })) : [],
      showLine: true,
      borderColor: v.colour ? colourOf(k) : INK,
      borderWidth: 1.5,
      pointRadius: 0,
      pointHitRadius: 0,
    }));
  } else if (i > j) {
    datasets = v.levels.map((level, k) => ({
      label: level,
      data: v.row.flatMap((row, n): RowDatum[] => (v.codes[n] === k ? [{ x: v.values[j][n], y: v.values[i][n], row, group: v.colour ? level : null }] : [])),
      backgroundColor: (v.colour ? colourOf(k) : '#0072B2') + '40',
      borderColor: v.colour ? colourOf(k) : '#0072B2',
      borderWidth: 0.8,
      pointRadius: 1.8,
      pointHoverRadius: 3.5,
    }));
  } else {
    plugins.push(textPlugin(correlationLines(v, i, j)));
  }
  if (i === 0) plugins.push(stripPlugin<'scatter'>(v.variables[j]));
  // The diagonal's density axis is not the row variable's: no y ticks there, as ggpairs.
  const yTicks = firstColumn && i !== j;
  const levelTicks = (k: number) => (isFactor(v, k) ? { stepSize: 1, callback: (t: number | string) => levelsOf(v, k)[Number(t)] ?? '' } : {});
  const xAxis = fixedAxis({ title: null, ticks: lastRow, size: lastRow ? X_AXIS + 16 : 0, range: xRange, vertical: false, grid: i >= j || discrete });
  const yAxis = fixedAxis({ title: null, ticks: yTicks, size: firstColumn ? Y_AXIS + 16 : 0, range: yRange, vertical: true, grid: i >= j || discrete });
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      ...STILL_CHART,
      layout: { padding: { top: i === 0 ? STRIP_HEIGHT + 2 : 3, right: 3, bottom: 0, left: 0 } },
      scales: {
        x: { ...xAxis, ticks: { ...xAxis.ticks, ...levelTicks(j) }, title: { display: lastRow, text: v.variables[j], color: INK, padding: 1, font: { size: 11.5, family: FONT } } },
        y: { ...yAxis, ticks: { ...yAxis.ticks, ...(i === j ? {} : levelTicks(i)) }, title: { display: firstColumn, text: v.variables[i], color: INK, padding: 1, font: { size: 11.5, family: FONT } } },
      },
      plugins: {
        legend: { display: false },
        tooltip: discrete ? factorTooltip() : rowTooltip({ x: v.variables[j], y: v.variables[i], group: v.colour }),
      },
    },
    plugins,
  };
}

export function pairsCellLabel(v: PairsValue, i: number, j: number): string {
  const [a, b] = [v.variables[i], v.variables[j]];
  if (isFactor(v, i) || isFactor(v, j)) {
    if (i === j) return `Counts of ${a}`;
    if (isFactor(v, i) && isFactor(v, j)) return `Counts of ${a} by ${b}`;
    return isFactor(v, j) ? `${a} by ${b}` : `${b} by ${a}`;
  }
  return i === j ? `Density of ${a}` : i > j ? `${a} against ${b}` : `Correlation of ${a} and ${b}`;
}

export function pairsFigure(v: PairsValue, datasetName: string): FigureSpec {
  const p = v.variables.length;
  const panels: PanelSpec[] = [];
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      panels.push({
        key: `${i}-${j}`,
        label: pairsCellLabel(v, i, j),
        width: PAIRS_CELL + (j === 0 ? Y_AXIS + 16 : 0) + 3,
        height: PAIRS_CELL + (i === 0 ? STRIP_HEIGHT + 2 : 3) + (i === p - 1 ? X_AXIS + 16 : 0),
        config: () => looseConfig(pairsCellConfig(v, i, j)),
      });
    }
  }
  return { caption: pairsCaption(v), columns: p, fileStem: fileStem(`${datasetName}-${v.variables.join('-')}`, 'pairs'), groups: p * p, panels };
}

