import { padLeft, padRight, textWidth } from './decimal';
import { DEFAULT_DIGITS, encodeReal, formatRealLayout, type RValue } from './format-real';

/**
 * R's console layout of named vectors and character matrices (printvector.c,
 * printmatrix.c): fixed-width columns separated by one space, wrapped to the
 * console width (options(width) = 80). Output is text with "\n" line ends,
 * including R's trailing spaces, so it can be compared with R's byte for byte.
 */
export interface ConsoleOptions {
  /** options(width): characters per line. */
  width?: number;
}

const GAP = 1;
const DEFAULT_WIDTH = 80;

/** print(x, digits) of a named numeric vector: names over values, as many per line as fit. */
export function printNamedVector(values: readonly RValue[], names: readonly string[], digits = DEFAULT_DIGITS, options: ConsoleOptions = {}): string {
  const layout = formatRealLayout(values, digits);
  const w = Math.max(layout.width, ...names.map(textWidth));
  const perLine = Math.max(1, Math.floor((options.width ?? DEFAULT_WIDTH) / (w + GAP)));
  const gap = ' '.repeat(GAP);
  const lines: string[] = [];
  for (let start = 0; start < values.length; start += perLine) {
    const end = Math.min(values.length, start + perLine);
    let head = '';
    let body = '';
    for (let k = start; k < end; k++) {
      head += padLeft(names[k], w) + gap;
      body += padLeft(encodeReal(values[k], layout), w) + gap;
    }
    lines.push(head, body);
  }
  return lines.map((l) => l + '\n').join('');
}

export interface TextMatrix {
  rowNames: readonly string[];
  colNames: readonly string[];
  /** cells[i][j]: row i, column j. */
  cells: readonly (readonly string[])[];
}

/**
 * print(m, quote = FALSE, right) of a character matrix: row names left-justified,
 * column labels and cells justified right (or left), columns split into blocks
 * that fit the console width.
 */
export function printTextMatrix(m: TextMatrix, options: ConsoleOptions & { right?: boolean } = {}): string {
  const right = options.right ?? true;
  const lineWidth = options.width ?? DEFAULT_WIDTH;
  const nrow = m.rowNames.length;
  const ncol = m.colNames.length;
  const rowLabelWidth = Math.max(0, ...m.rowNames.map(textWidth));
  const widths = m.colNames.map((name, j) => {
    let w = textWidth(name);
    for (let i = 0; i < nrow; i++) w = Math.max(w, textWidth(m.cells[i][j]));
    return w;
  });
  const justify = (text: string, w: number) => (right ? padLeft(text, w) : padRight(text, w));
  const gap = ' '.repeat(GAP);
  let out = '';
  let first = 0;
  while (first < ncol) {
    // A block takes columns while the line stays narrower than the console (R's strict test).
    let width = rowLabelWidth;
    let last = first;
    do {
      width += widths[last] + GAP;
      last++;
    } while (last < ncol && width + widths[last] + GAP < lineWidth);
    let head = ' '.repeat(rowLabelWidth);
    for (let j = first; j < last; j++) head += gap + justify(m.colNames[j], widths[j]);
    out += head + '\n';
    for (let i = 0; i < nrow; i++) {
      let line = padRight(m.rowNames[i], rowLabelWidth);
      for (let j = first; j < last; j++) line += gap + justify(m.cells[i][j], widths[j]);
      out += line + '\n';
    }
    first = last;
  }
  return out;
}
