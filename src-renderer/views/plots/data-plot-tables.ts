import type { HistogramValue, LinesPlotValue, PairsValue, ScatterPlotValue } from '@shared/data-plots';
import type { TableData } from '../../lib/tsv';

/** The numbers behind a data plot, as a table that can be read and copied (null: no table for this kind). */
export function dataPlotTable(value: ScatterPlotValue | LinesPlotValue | HistogramValue | PairsValue): { title: string; table: TableData } | null {
  switch (value.kind) {
    case 'scatter':
      return {
        title: `Each group’s least-squares line (R: lmList(${value.y} ~ ${value.x} | ${value.group}))`,
        table: {
          header: [value.group, 'n', 'intercept', 'slope'],
          rows: value.panels.map((p) => [p.level, p.n, p.line?.intercept ?? null, p.line?.slope ?? null]),
        },
      };
    case 'lines':
      return null;
    case 'histogram':
      return {
        title: 'The histogram’s cells (R: hist()$breaks, $counts, $density)',
        table: {
          header: ['from (exclusive)', 'to (inclusive)', 'count', 'density'],
          rows: value.counts.map((c, i) => [value.breaks[i], value.breaks[i + 1], c, c / (value.rows * (value.breaks[i + 1] - value.breaks[i]))]),
        },
      };
    case 'pairs': {
      // Correlations are between numbers only: a factor of the plot has no row or column here.
      const numeric = value.variables.flatMap((_, i) => (value.factorLevels?.[i] ? [] : [i]));
      return {
        title: 'Pearson correlations, all rows (R: cor())',
        table: { header: ['', ...numeric.map((i) => value.variables[i])], rows: numeric.map((i) => [value.variables[i], ...numeric.map((j) => value.cor[i][j])]) },
      };
    }
  }
}
