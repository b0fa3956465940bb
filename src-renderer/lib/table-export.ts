import { formatNumber } from './format';

/**
 * Result tables leave the app in four forms: TSV for spreadsheets and R
 * (numbers at full precision, so nothing is lost), HTML for documents, LaTeX
 * for papers, and text aligned the way R prints a table. The last three show
 * each number as R prints a single value, to the column's significant digits,
 * which is also what the app shows on screen.
 */
export type ExportCell = string | number | null;

export interface ColumnFormat {
  /** Significant digits for numbers in this column (4 unless given, as R's printCoefmat). */
  digits?: number;
  /** P-values: 3 significant digits and "< 2e-16" below machine precision, as R's format.pval. */
  pvalue?: boolean;
}

export interface ExportTable {
  columns: string[];
  /** Row-major cells; null is "nothing to show" (an empty cell). */
  rows: ExportCell[][];
  title?: string;
  /** One entry per column; missing entries use the defaults. */
  formats?: (ColumnFormat | undefined)[];
  /** One entry per row, for tables of mixed statistics (a count, a criterion, a p-value); overrides the column's. */
  rowFormats?: (ColumnFormat | undefined)[];
}

export type ExportFormat = 'tsv' | 'html' | 'latex' | 'text';

export const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'tsv', label: 'TSV (spreadsheet)' },
  { format: 'html', label: 'HTML table' },
  { format: 'latex', label: 'LaTeX tabular' },
  { format: 'text', label: 'R-style text' },
];

const DEFAULT_DIGITS = 4;
/** R's .Machine$double.eps, the eps.Pvalue of printCoefmat. */
const DOUBLE_EPS = 2.220446049250313e-16;

export function exportTable(table: ExportTable, format: ExportFormat): string {
  switch (format) {
    case 'tsv':
      return toTsv(table);
    case 'html':
      return toHtml(table);
    case 'latex':
      return toLatex(table);
    case 'text':
      return toRText(table);
  }
}

/** A p-value as R's format.pval prints it in a coefficient table. */
export function formatPValue(p: number): string {
  if (Number.isFinite(p) && p < DOUBLE_EPS) return '< 2e-16';
  return formatNumber(p, 3);
}

/** A cell as shown on screen and in HTML, LaTeX and text. */
export function formatExportCell(cell: ExportCell, format: ColumnFormat | undefined): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (format?.pvalue) return formatPValue(cell);
  return formatNumber(cell, format?.digits ?? DEFAULT_DIGITS);
}

function cellFormat(table: ExportTable, i: number, j: number): ColumnFormat | undefined {
  return table.rowFormats?.[i] ?? table.formats?.[j];
}

/** A column is numeric when every cell that has a value is a number; it is then right-aligned. */
export function numericColumns(table: ExportTable): boolean[] {
  return table.columns.map((_, j) => {
    let any = false;
    for (const row of table.rows) {
      const cell = row[j] ?? null;
      if (cell === null) continue;
      if (typeof cell !== 'number') return false;
      any = true;
    }
    return any;
  });
}

export function toTsv(table: ExportTable): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  // String(x) is the shortest text that reads back as exactly x; read.delim reads NaN and Inf as R does.
  const cell = (c: ExportCell) => (c === null ? '' : typeof c === 'number' ? numberForR(c) : clean(c));
  const lines = [table.columns.map(clean).join('\t'), ...table.rows.map((row) => table.columns.map((_, j) => cell(row[j] ?? null)).join('\t'))];
  return lines.join('\n') + '\n';
}

function numberForR(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return String(x);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]);

export function toHtml(table: ExportTable): string {
  const numeric = numericColumns(table);
  const align = (j: number) => (numeric[j] ? ' style="text-align: right"' : ' style="text-align: left"');
  const out = ['<table>'];
  if (table.title) out.push(`  <caption>${escapeHtml(table.title)}</caption>`);
  out.push('  <thead>', `    <tr>${table.columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join('')}</tr>`, '  </thead>', '  <tbody>');
  for (const [i, row] of table.rows.entries()) {
    const cells = table.columns.map((_, j) => `<td${align(j)}>${escapeHtml(formatExportCell(row[j] ?? null, cellFormat(table, i, j)))}</td>`);
    out.push(`    <tr>${cells.join('')}</tr>`);
  }
  out.push('  </tbody>', '</table>');
  return out.join('\n') + '\n';
}

const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '_': '\\_',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  '$': '\\$',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In LaTeX's default font encoding < and > print as ¡ and ¿.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  // Symbols the labels use, in math mode so that any LaTeX font has them.
  'σ': '$\\sigma$',
  '²': '\\textsuperscript{2}',
  '×': '$\\times$',
};

export function escapeLatex(s: string): string {
  return s.replace(/[\\_%&#${}~^<>σ²×]/g, (c) => LATEX_ESCAPES[c]);
}

function latexNumber(text: string): string {
  // A minus sign, not a hyphen.
  return text.startsWith('-') ? `$-$${escapeLatex(text.slice(1))}` : escapeLatex(text);
}

export function toLatex(table: ExportTable): string {
  const numeric = numericColumns(table);
  const line = (cells: string[]) => `  ${cells.join(' & ')} \\\\`;
  const out: string[] = [];
  if (table.title) out.push(`% ${table.title.replace(/[\r\n]+/g, ' ')}`);
  out.push(`\\begin{tabular}{${numeric.map((n) => (n ? 'r' : 'l')).join('')}}`, '  \\hline');
  out.push(line(table.columns.map(escapeLatex)), '  \\hline');
  for (const [i, row] of table.rows.entries()) {
    out.push(
      line(
        table.columns.map((_, j) => {
          const cell = row[j] ?? null;
          const text = formatExportCell(cell, cellFormat(table, i, j));
          return typeof cell === 'number' ? latexNumber(text) : escapeLatex(text);
        }),
      ),
    );
  }
  out.push('  \\hline', '\\end{tabular}');
  return out.join('\n') + '\n';
}

/**
 * Text as R prints a data frame: a header line, numbers right-aligned under
 * right-aligned headers, text columns left-aligned, two spaces between columns.
 */
export function toRText(table: ExportTable): string {
  const numeric = numericColumns(table);
  const body = table.rows.map((row, i) => table.columns.map((_, j) => formatExportCell(row[j] ?? null, cellFormat(table, i, j))));
  const widths = table.columns.map((c, j) => Math.max(c.length, ...body.map((r) => r[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  const out: string[] = [];
  if (table.title) out.push(table.title);
  out.push(line(table.columns), ...body.map(line));
  return out.join('\n') + '\n';
}
