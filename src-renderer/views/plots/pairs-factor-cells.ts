import type { Plugin, TooltipItem } from 'chart.js';
import type { BoxStats, PairsValue } from '@shared/data-plots';
import { formatCount, formatNumber } from '../../lib/format';
import { colourOf } from './data-figure-kit';

/**
 * The cells of a pairs plot that involve a factor, drawn as GGally::ggpairs draws
 * them by default: bars of counts on a factor's diagonal (barDiag), box plots of
 * the numeric variable per level and colour (box_no_facet), and counts per level
 * combination of two factors (count). The engine gives every number; this module
 * only places them: level k of a factor sits at k on its axis.
 */

/** A point a tooltip answers for: where it sits, and what it says. */
export interface FactorDatum {
  x: number;
  y: number;
  lines: string[];
}

/** Share of a level's slot the side-by-side bars or boxes take (ggplot's dodge width 0.9). */
const SLOT = 0.9;

/** The horizontal or vertical position of colour level k within factor level `level`: its centre and width, in axis units. */
export function dodged(level: number, k: number, colours: number, share = SLOT): { centre: number; width: number } {
  const width = share / colours;
  return { centre: level - share / 2 + width * (k + 0.5), width };
}

/**
 * The slot of colour level k within a factor level, dodged among the colour levels that
 * have rows there (as ggplot dodges only the groups present): `sizes` are their counts.
 */
export function slot(level: number, k: number, sizes: readonly number[]): { centre: number; width: number } {
  const present = sizes.flatMap((n, c) => (n > 0 ? [c] : []));
  return dodged(level, Math.max(0, present.indexOf(k)), Math.max(1, present.length));
}

/** A factor's axis: its levels at 0 … L − 1, with half a slot of room at each end. */
export function factorRange(levels: readonly string[]): { min: number; max: number } {
  return { min: -0.6, max: levels.length - 0.4 };
}

export function isFactor(v: PairsValue, i: number): boolean {
  return (v.factorLevels?.[i] ?? null) !== null;
}

export function levelsOf(v: PairsValue, i: number): string[] {
  return v.factorLevels?.[i] ?? [];
}

const colourWord = (v: PairsValue, k: number) => (v.colour ? [`${v.colour}: ${v.levels[k]}`] : []);
const fill = (v: PairsValue, k: number) => (v.colour ? colourOf(k) : '#595959');

/** The top of a factor's count axis: the tallest bar. */
export function barTop(v: PairsValue, i: number): number {
  return Math.max(1, ...(v.bars?.[i] ?? []).flat());
}

/** barDiag: one bar per level and colour level, side by side. */
export function barData(v: PairsValue, i: number): FactorDatum[] {
  const name = v.variables[i];
  return (v.bars?.[i] ?? []).flatMap((perColour, level) =>
    perColour.flatMap((count, k) => (count > 0 ? [{ x: slot(level, k, perColour).centre, y: count, lines: [`${name}: ${levelsOf(v, i)[level]}`, ...colourWord(v, k), `count: ${formatCount(count)}`] }] : [])),
  );
}

export function boxesOf(v: PairsValue, factor: number, numeric: number): BoxStats[][] {
  const cell = v.boxes?.find((b) => b.factor === factor && b.numeric === numeric);
  if (!cell) throw new Error(`The engine sent no box statistics for ${v.variables[factor]} and ${v.variables[numeric]}.`);
  return cell.boxes;
}

/** box_no_facet: a tooltip point at each box's median; `vertical` when the factor is on the x axis. */
export function boxData(v: PairsValue, factor: number, numeric: number, vertical: boolean): FactorDatum[] {
  return boxesOf(v, factor, numeric).flatMap((perColour, level) =>
    perColour.flatMap((box, k): FactorDatum[] => {
      if (!box.stats) return [];
      const at = slot(level, k, perColour.map((b) => b.n)).centre;
      const [lo, q1, med, q3, hi] = box.stats.map((s) => formatNumber(s, 4));
      const lines = [`${v.variables[factor]}: ${levelsOf(v, factor)[level]}`, ...colourWord(v, k), `n = ${formatCount(box.n)}`, `${v.variables[numeric]}: median ${med}`, `hinges ${q1} – ${q3}`, `whiskers ${lo} – ${hi}`];
      if (box.outliers.length > 0) lines.push(`${box.outliers.length} outlier${box.outliers.length === 1 ? '' : 's'}`);
      return [vertical ? { x: at, y: box.stats[2], lines } : { x: box.stats[2], y: at, lines }];
    }),
  );
}

/** The outliers of the boxes as points (R's open circles), each saying its value. */
export function outlierData(v: PairsValue, factor: number, numeric: number, vertical: boolean): FactorDatum[][] {
  const perColour: FactorDatum[][] = v.levels.map(() => []);
  boxesOf(v, factor, numeric).forEach((boxes, level) =>
    boxes.forEach((box, k) => {
      const at = slot(level, k, boxes.map((b) => b.n)).centre;
      for (const value of box.outliers) {
        const lines = [`${v.variables[factor]}: ${levelsOf(v, factor)[level]}`, ...colourWord(v, k), `${v.variables[numeric]}: ${formatNumber(value, 4)} (outlier)`];
        perColour[k].push(vertical ? { x: at, y: value, lines } : { x: value, y: at, lines });
      }
    }),
  );
  return perColour;
}

/** Counts of two factors' level combinations, rows = levels of the row variable i, columns = levels of the column variable j. */
export function crossCountsOf(v: PairsValue, i: number, j: number): number[][][] {
  const a = Math.min(i, j);
  const b = Math.max(i, j);
  const cell = v.crossCounts?.find((c) => c.a === a && c.b === b);
  if (!cell) throw new Error(`The engine sent no counts for ${v.variables[a]} and ${v.variables[b]}.`);
  if (i === a) return cell.counts;
  return levelsOf(v, i).map((_, li) => levelsOf(v, j).map((_, lj) => cell.counts[lj][li]));
}

/** count: a square per level combination and colour level, its area proportional to the count. */
export function countData(v: PairsValue, i: number, j: number): FactorDatum[] {
  return crossCountsOf(v, i, j).flatMap((row, li) =>
    row.flatMap((perColour, lj) =>
      perColour.flatMap((count, k) =>
        count > 0
          ? [{ x: slot(lj, k, perColour).centre, y: li, lines: [`${v.variables[i]}: ${levelsOf(v, i)[li]}`, `${v.variables[j]}: ${levelsOf(v, j)[lj]}`, ...colourWord(v, k), `count: ${formatCount(count)}`] }]
          : [],
      ),
    ),
  );
}

type Scales = { x: { getPixelForValue(v: number): number }; y: { getPixelForValue(v: number): number } };

/** Draws the bars, boxes or squares under the tooltip points (which stay invisible). */
export function factorDrawPlugin(v: PairsValue, i: number, j: number): Plugin<'scatter'> {
  return {
    id: 'pairs-factor',
    beforeDatasetsDraw(chart) {
      const { ctx } = chart;
      const scales = chart.scales as unknown as Scales;
      ctx.save();
      ctx.lineWidth = 1;
      if (i === j) drawBars(ctx, scales, v, i);
      else if (isFactor(v, i) && isFactor(v, j)) drawCounts(ctx, scales, v, i, j);
      else if (isFactor(v, j)) drawBoxes(ctx, scales, v, j, i, true);
      else drawBoxes(ctx, scales, v, i, j, false);
      ctx.restore();
    },
  };
}

function drawBars(ctx: CanvasRenderingContext2D, s: Scales, v: PairsValue, i: number) {
  (v.bars?.[i] ?? []).forEach((perColour, level) =>
    perColour.forEach((count, k) => {
      const { centre, width } = slot(level, k, perColour);
      const x0 = s.x.getPixelForValue(centre - width / 2);
      const x1 = s.x.getPixelForValue(centre + width / 2);
      const y0 = s.y.getPixelForValue(0);
      const y1 = s.y.getPixelForValue(count);
      ctx.fillStyle = fill(v, k);
      ctx.globalAlpha = 0.75;
      ctx.fillRect(x0, y1, x1 - x0, y0 - y1);
      ctx.globalAlpha = 1;
    }),
  );
}

function drawBoxes(ctx: CanvasRenderingContext2D, s: Scales, v: PairsValue, factor: number, numeric: number, vertical: boolean) {
  // Along the factor axis `at`, along the value axis `val`; a vertical box has the factor on x.
  const px = (at: number, val: number): [number, number] => (vertical ? [s.x.getPixelForValue(at), s.y.getPixelForValue(val)] : [s.x.getPixelForValue(val), s.y.getPixelForValue(at)]);
  boxesOf(v, factor, numeric).forEach((perColour, level) =>
    perColour.forEach((box, k) => {
      if (!box.stats) return;
      const { centre, width } = slot(level, k, perColour.map((b) => b.n));
      const half = (width * 0.8) / 2;
      const [lo, q1, med, q3, hi] = box.stats;
      const line = (a: [number, number], b: [number, number]) => {
        ctx.beginPath();
        ctx.moveTo(...a);
        ctx.lineTo(...b);
        ctx.stroke();
      };
      const colour = fill(v, k);
      const [ax, ay] = px(centre - half, q1);
      const [bx, by] = px(centre + half, q3);
      ctx.fillStyle = colour + '33';
      ctx.fillRect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
      ctx.strokeStyle = colour;
      ctx.strokeRect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
      line(px(centre, lo), px(centre, q1));
      line(px(centre, q3), px(centre, hi));
      ctx.lineWidth = 2;
      line(px(centre - half, med), px(centre + half, med));
      ctx.lineWidth = 1;
    }),
  );
}

function drawCounts(ctx: CanvasRenderingContext2D, s: Scales, v: PairsValue, i: number, j: number) {
  const counts = crossCountsOf(v, i, j);
  const most = Math.max(1, ...counts.flat(2));
  counts.forEach((row, li) =>
    row.forEach((perColour, lj) =>
      perColour.forEach((count, k) => {
        if (count === 0) return;
        const { centre, width } = slot(lj, k, perColour);
        // Area ∝ count: the largest count fills its slot, across (the slot's width) and up (90% of a level's height).
        const across = Math.abs(s.x.getPixelForValue(width) - s.x.getPixelForValue(0));
        const up = SLOT * Math.abs(s.y.getPixelForValue(1) - s.y.getPixelForValue(0));
        const half = (Math.min(across, up) * Math.sqrt(count / most)) / 2;
        const x = s.x.getPixelForValue(centre);
        const y = s.y.getPixelForValue(li);
        ctx.fillStyle = fill(v, k);
        ctx.globalAlpha = 0.8;
        ctx.fillRect(x - half, y - half, 2 * half, 2 * half);
        ctx.globalAlpha = 1;
      }),
    ),
  );
}

/** Tooltip options for factor cells: only the points that carry words answer. */
export function factorTooltip() {
  return {
    displayColors: false,
    filter: (item: TooltipItem<'scatter'>) => Array.isArray((item.raw as Partial<FactorDatum>).lines),
    callbacks: {
      title: () => '',
      label: (item: TooltipItem<'scatter'>) => (item.raw as FactorDatum).lines,
    },
  };
}
