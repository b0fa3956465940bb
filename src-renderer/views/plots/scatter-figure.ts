import type { LinesPlotValue, ScatterPanel, ScatterPlotValue } from '@shared/data-plots';
import { formatCount } from '../../lib/format';
import { groundPlugin, STILL_CHART } from './chart-style';
import { colourOf, fixedAxis, groupLegend, padded, rowTooltip, STRIP_HEIGHT, stripPlugin, type RowDatum, type ScatterConfig } from './data-figure-kit';
import { fileStem, looseConfig, type FigureSpec, type PanelSpec } from './figure-spec';

/** A facet's plot area; the first column and the last row also carry the axis titles. */
export const FACET_SIZE = { width: 190, height: 170 };
const Y_AXIS = 40;
const X_AXIS = 24;
const TITLE = 18;
/** Inner facets share the outer ones' axes, as lattice: only a sliver between panels. */
const GAP = 5;
const SINGLE = { width: 640, height: 440 };

type GroupsShown = ScatterPlotValue['groups'];

/** How the groups drawn were picked, for the caption: the seed, so the same subset can be drawn again (in R too). */
export function groupsSentence(group: string, groups: GroupsShown): string {
  switch (groups.subset.pick) {
    case 'all':
      return `all ${groups.of} groups of ${group}`;
    case 'random':
      return `${groups.levels.length} of ${groups.of} groups of ${group} drawn at random with seed ${groups.subset.seed} (R: set.seed(${groups.subset.seed}); sample(levels(${group}), ${groups.subset.k}))`;
    case 'chosen':
      return `${groups.levels.length} chosen groups of ${group} (${groups.levels.join(', ')})`;
  }
}

function rowsSentence(rows: number, dropped: number, names: string, thinned: number): string {
  const left = dropped > 0 ? ` ${formatCount(dropped)} row${dropped === 1 ? '' : 's'} with ${names} missing left out.` : '';
  const thin = thinned > 0 ? ` Too many points to draw: ${formatCount(thinned)} points in dense places are not drawn (every isolated point is).` : '';
  return `${left}${thin}`;
}

export function scatterCaption(v: ScatterPlotValue): string {
  const lines = v.panels.filter((p) => p.line === null).length;
  const noLine = lines > 0 ? ` ${lines} group${lines === 1 ? ' has' : 's have'} fewer than 2 distinct ${v.x} values and no line (NA).` : '';
  const thinned = v.panels.reduce((s, p) => s + p.thinned, 0);
  const how = v.layout === 'facets' ? `a panel per group (R: xyplot(${v.y} ~ ${v.x} | ${v.group}, type = c("p", "r")))` : 'all groups in one panel, a colour each';
  return `${v.y} against ${v.x} with each group’s least-squares line, ${how}; ${groupsSentence(v.group, v.groups)}, ${formatCount(v.rows)} rows in all.${noLine}${rowsSentence(v.rows, v.dropped, `${v.y}, ${v.x} or ${v.group}`, thinned)}`;
}

/** Columns of facets that fit the width there is (at least 1, at most 8, as lattice lays out). */
export function facetColumns(panels: number, available: number): number {
  const fit = Math.floor((available - Y_AXIS - TITLE) / (FACET_SIZE.width + GAP + 6));
  const most = Math.max(1, Math.min(panels, 8, fit));
  // As few rows as fit, filled evenly: 10 panels make 2 rows of 5, not 6 and 4.
  return Math.ceil(panels / Math.ceil(panels / most));
}

function lineData(panel: ScatterPanel): { x: number; y: number }[] {
  if (!panel.line || !panel.xRange) return [];
  const { intercept, slope } = panel.line;
  return panel.xRange.map((x) => ({ x, y: intercept + slope * x }));
}

function pointData(panel: ScatterPanel): RowDatum[] {
  return panel.points.x.map((x, i) => ({ x, y: panel.points.y[i], row: panel.points.row[i], group: panel.level }));
}

function base(v: { x: string; y: string; group: string }, xAxis: ReturnType<typeof fixedAxis>, yAxis: ReturnType<typeof fixedAxis>, top: number, legendCount: number): Omit<ScatterConfig, 'type' | 'data'> {
  return {
    options: {
      ...STILL_CHART,
      layout: { padding: { top, right: 8, bottom: 2, left: 2 } },
      scales: { x: xAxis, y: yAxis },
      plugins: { legend: groupLegend(legendCount), tooltip: rowTooltip({ x: v.x, y: v.y, group: v.group }) },
    },
    plugins: [groundPlugin<'scatter'>()],
  };
}

/** One facet: its points in ink, its line in the accent; axis labels on the outer panels only, as lattice. */
export function facetConfig(v: ScatterPlotValue, k: number, columns: number): ScatterConfig {
  const panel = v.panels[k];
  const firstColumn = k % columns === 0;
  const lastRow = k >= v.panels.length - columns;
  const xAxis = fixedAxis({ title: lastRow ? v.x : null, ticks: lastRow, size: lastRow ? X_AXIS + TITLE : GAP, range: padded(v.xRange), vertical: false });
  const yAxis = fixedAxis({ title: firstColumn ? v.y : null, ticks: firstColumn, size: firstColumn ? Y_AXIS + TITLE : GAP, range: padded(v.yRange), vertical: true });
  const config = base(v, xAxis, yAxis, STRIP_HEIGHT + 2, 0);
  config.options!.layout = { padding: { top: STRIP_HEIGHT + 2, right: 6, bottom: 2, left: 0 } };
  return {
    type: 'scatter',
    data: {
      datasets: [
        { data: pointData(panel), backgroundColor: 'rgba(0,114,178,0.08)', borderColor: '#0072B2', borderWidth: 1, pointRadius: 2.2, pointHoverRadius: 4 },
        { data: lineData(panel), showLine: true, borderColor: '#D55E00', borderWidth: 1.6, pointRadius: 0, pointHitRadius: 0 },
      ],
    },
    ...config,
    plugins: [...config.plugins!, stripPlugin<'scatter'>(`${v.group} ${panel.level}`)],
  };
}

/** All groups in one panel: a colour per group, its points and its line. */
export function singleScatterConfig(v: ScatterPlotValue): ScatterConfig {
  const xAxis = fixedAxis({ title: v.x, ticks: true, size: X_AXIS + TITLE, range: padded(v.xRange), vertical: false });
  const yAxis = fixedAxis({ title: v.y, ticks: true, size: Y_AXIS + TITLE, range: padded(v.yRange), vertical: true });
  const datasets = v.panels.flatMap((panel, k) => [
    { label: panel.level, data: pointData(panel) as (RowDatum | { x: number; y: number })[], backgroundColor: colourOf(k) + '33', borderColor: colourOf(k), borderWidth: 1, pointRadius: 2.2, pointHoverRadius: 4 },
    { label: '', data: lineData(panel), showLine: true, borderColor: colourOf(k), borderWidth: 1.8, pointRadius: 0, pointHitRadius: 0 },
  ]);
  return { type: 'scatter', data: { datasets }, ...base(v, xAxis, yAxis, 10, v.panels.length) };
}

export function scatterFigure(v: ScatterPlotValue, datasetName: string, available: number): FigureSpec {
  const stem = fileStem(`${datasetName}-${v.y}-by-${v.x}-${v.group}`, 'scatter');
  if (v.layout === 'single') {
    const legendRows = v.panels.length > 1 && v.panels.length <= 20 ? Math.ceil(v.panels.length / 10) * 18 + 8 : 0;
    return {
      caption: scatterCaption(v),
      columns: 1,
      fileStem: stem,
      groups: v.panels.length,
      panels: [{ key: 'all', label: `${v.y} against ${v.x}, a colour per ${v.group}`, width: SINGLE.width, height: SINGLE.height + legendRows, config: () => looseConfig(singleScatterConfig(v)) }],
    };
  }
  const columns = facetColumns(v.panels.length, available);
  const panels: PanelSpec[] = v.panels.map((p, k) => {
    const firstColumn = k % columns === 0;
    const lastRow = k >= v.panels.length - columns;
    return {
      key: p.level,
      label: `${v.y} against ${v.x}, ${v.group} ${p.level}`,
      width: FACET_SIZE.width + (firstColumn ? Y_AXIS + TITLE : GAP) + 6,
      height: FACET_SIZE.height + STRIP_HEIGHT + 2 + (lastRow ? X_AXIS + TITLE : GAP) + 2,
      config: () => looseConfig(facetConfig(v, k, columns)),
    };
  });
  return { caption: scatterCaption(v), columns, fileStem: stem, groups: v.panels.length, panels };
}

export function linesCaption(v: LinesPlotValue): string {
  return `${v.y} against ${v.x}, a line per group joining its points in ${v.x} order; ${groupsSentence(v.group, v.groups)}, ${formatCount(v.rows)} rows in all.${rowsSentence(v.rows, v.dropped, `${v.y}, ${v.x} or ${v.group}`, 0)}`;
}

export function linesConfig(v: LinesPlotValue): ScatterConfig {
  const xAxis = fixedAxis({ title: v.x, ticks: true, size: X_AXIS + TITLE, range: padded(v.xRange), vertical: false });
  const yAxis = fixedAxis({ title: v.y, ticks: true, size: Y_AXIS + TITLE, range: padded(v.yRange), vertical: true });
  const many = v.series.length > 12;
  const datasets = v.series.map((s, k) => ({
    label: s.level,
    data: s.points.x.map((x, i): RowDatum => ({ x, y: s.points.y[i], row: s.points.row[i], group: s.level })),
    showLine: true,
    // Many groups: thin grey lines show the spread (a spaghetti plot); few: a colour each.
    borderColor: many ? 'rgba(29,35,41,0.35)' : colourOf(k),
    backgroundColor: many ? 'rgba(29,35,41,0.35)' : colourOf(k),
    borderWidth: many ? 0.8 : 1.4,
    pointRadius: many ? 0 : 1.8,
    pointHitRadius: 4,
    pointHoverRadius: 4,
  }));
  return { type: 'scatter', data: { datasets }, ...base(v, xAxis, yAxis, 10, many ? 0 : v.series.length) };
}

export function linesFigure(v: LinesPlotValue, datasetName: string): FigureSpec {
  const legendRows = v.series.length > 1 && v.series.length <= 12 ? Math.ceil(v.series.length / 10) * 18 + 8 : 0;
  return {
    caption: linesCaption(v),
    columns: 1,
    fileStem: fileStem(`${datasetName}-${v.y}-by-${v.x}-${v.group}`, 'lines'),
    groups: v.series.length,
    panels: [{ key: 'lines', label: `Lines of ${v.y} against ${v.x} by ${v.group}`, width: SINGLE.width, height: SINGLE.height + legendRows, config: () => looseConfig(linesConfig(v)) }],
  };
}

