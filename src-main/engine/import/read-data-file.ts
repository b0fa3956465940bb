import { AppError } from '@shared/errors';
import type { Column } from '../data/column';
import type { TaskContext } from '../context';
import { buildColumn, checkNamedColumns } from './build-columns';
import { ColumnCollector, type FieldSource } from './collect';
import { utf8Text } from './decode';
import { chooseDelimiter } from './delimiter';
import { columnNames, positionalNames } from './header';
import { MissingMatcher } from './infer';
import { fieldValue, Tokenizer, type Delimiter, type FieldSink } from './tokenize';
import { isXlsxName, readXlsx, unreadableSpreadsheet } from './xlsx';

export interface ReadOptions {
  fileName: string;
  /** Strings read as missing besides empty fields and "NA". */
  naStrings?: string[];
  /** Columns read as factors even when their values are numbers. */
  factors?: string[];
  /** An explicit level order per column; the column becomes a factor. */
  levels?: Record<string, string[]>;
  delimiter?: 'auto' | ',' | ';' | '\t' | 'whitespace';
  /** XLSX only: the sheet to read, by name or 1-based position; the first sheet by default. */
  sheet?: string | number;
  /**
   * Whether the first line (the first non-empty row of a sheet) names the columns; true by
   * default. false is R's header = FALSE: every line is data and the columns are V1, V2, ….
   */
  header?: boolean;
}

export interface ImportWarning {
  message: string;
  line?: number;
  /** 1-based column (field) number. */
  column?: number;
}

export interface ImportResult {
  columns: Column[];
  rows: number;
  warnings: ImportWarning[];
}

/** Rows between checkpoints: a few milliseconds of scanning. */
const CHUNK_ROWS = 65536;

/**
 * Reads a delimited text file the way R's read.csv / read.table(header = TRUE)
 * would (or header = FALSE when options.header is false), into typed columns: see tokenize.ts for the splitting, infer.ts for what
 * a number, logical or missing value is, levels.ts for factor levels.
 * Workbooks named .xlsx/.xlsm go to xlsx.ts, which ends in the same columns.
 */
export async function readDataFile(bytes: Uint8Array, options: ReadOptions, ctx: TaskContext): Promise<ImportResult> {
  const fileName = options.fileName;
  if (isXlsxName(fileName)) return readXlsx(bytes, options, ctx);
  const refusal = unreadableSpreadsheet(fileName);
  if (refusal) throw refusal;
  const message = `Reading ${fileName}…`;
  ctx.progress(0, message);
  const utf8 = utf8Text(bytes, fileName);
  const delimiter: Delimiter =
    options.delimiter === undefined || options.delimiter === 'auto' ? chooseDelimiter(fileName, utf8) : options.delimiter;
  const tokenizer = new Tokenizer(utf8, delimiter, fileName);
  const warnings: ImportWarning[] = [];

  const hasHeader = options.header ?? true;
  let names: string[];
  let headerLine = 0;
  if (hasHeader) {
    const header = readHeader(tokenizer, fileName);
    headerLine = tokenizer.recordLine;
    names = columnNames(header, headerLine, fileName, warnings);
  } else {
    names = positionalNames(countFirstRecord(tokenizer, fileName));
  }
  tokenizer.names = names;
  checkNamedColumns(options, names, fileName);

  const source: FieldSource = {
    bytes: utf8,
    missing: new MissingMatcher(options.naStrings),
    altDecimal: delimiter === ';' ? 44 : -1,
  };
  const levels = options.levels ?? {};
  const collectors = names.map((name) => new ColumnCollector(name, source, Object.hasOwn(levels, name)));
  const dataStart = { pos: tokenizer.pos, line: tokenizer.line };

  const scan = await scanRows(tokenizer, collectors, delimiter, hasHeader, ctx, message);
  if (scan.rowNames) {
    warnings.push({
      message:
        `${fileName}: the header has one name fewer than the data lines, so the first field of each line is taken ` +
        `as a row name (as R's read.table does) and not imported as a variable.`,
      line: headerLine,
    });
  }
  await rescanTextColumns(utf8, delimiter, fileName, dataStart, collectors, scan.rowNames, ctx);
  if (scan.rows === 0 && hasHeader) {
    warnings.push({ message: `${fileName} has a header but no data rows.`, line: headerLine });
  }

  const factors = new Set(options.factors ?? []);
  const columns = collectors.map((c, j) => buildColumn(c, j, factors, levels, source.altDecimal, fileName, warnings));
  ctx.progress(1, message);
  return { columns, rows: scan.rows, warnings };
}

function readHeader(tokenizer: Tokenizer, fileName: string): string[] {
  const header: string[] = [];
  const utf8 = tokenizer.bytes;
  const sink: FieldSink = { field: (_i, start, end, flags) => header.push(fieldValue(utf8, start, end, flags)) };
  if (tokenizer.readRecord(sink) < 0) {
    throw new AppError('bad-input', `${fileName} is empty: it has no header line and no data.`, { file: fileName });
  }
  return header;
}

/**
 * The number of fields on the first line, read without consuming it: with no header
 * the first line is data, and (as in R's read.table with fill = FALSE) it sets how many
 * columns every line must have.
 */
function countFirstRecord(tokenizer: Tokenizer, fileName: string): number {
  const { pos, line } = tokenizer;
  const fields = tokenizer.readRecord({ field: () => undefined });
  if (fields < 0) throw new AppError('bad-input', `${fileName} is empty: it has no data.`, { file: fileName });
  tokenizer.pos = pos;
  tokenizer.line = line;
  return fields;
}

/** Passes each field of a record to its column; `shift` is 1 when the first field is a row name. */
class RowSink implements FieldSink {
  shift = 0;
  constructor(
    private readonly columns: ColumnCollector[],
    private readonly tokenizer: Tokenizer,
  ) {}
  field(index: number, start: number, end: number, flags: number): void {
    const j = index - this.shift;
    if (j >= 0 && j < this.columns.length) this.columns[j].add(start, end, flags, this.tokenizer.recordLine);
  }
}

/** Keeps the fields of one record, to decide about row names before any column sees them. */
class RecordBuffer implements FieldSink {
  readonly spans: number[] = [];
  field(_index: number, start: number, end: number, flags: number): void {
    this.spans.push(start, end, flags);
  }
  replay(sink: FieldSink): void {
    for (let i = 0, f = 0; i < this.spans.length; i += 3, f++) sink.field(f, this.spans[i], this.spans[i + 1], this.spans[i + 2]);
  }
}

async function scanRows(
  tokenizer: Tokenizer,
  collectors: ColumnCollector[],
  delimiter: Delimiter,
  hasHeader: boolean,
  ctx: TaskContext,
  message: string,
): Promise<{ rows: number; rowNames: boolean }> {
  const ncol = collectors.length;
  const sink = new RowSink(collectors, tokenizer);
  const first = new RecordBuffer();
  const firstFields = tokenizer.readRecord(first);
  if (firstFields < 0) return { rows: 0, rowNames: false };
  // read.table: a header with one name fewer than the first data line means row names.
  const rowNames = hasHeader && firstFields === ncol + 1;
  const expected = rowNames ? ncol + 1 : ncol;
  if (firstFields !== expected) throw raggedRow(tokenizer, firstFields, ncol, delimiter, { rowNamesLine: null, firstLine: null });
  sink.shift = rowNames ? 1 : 0;
  first.replay(sink);
  const firstLine = tokenizer.recordLine;
  const reference = { rowNamesLine: rowNames ? firstLine : null, firstLine: hasHeader ? null : firstLine };
  let rows = 1;
  const total = tokenizer.bytes.length;
  for (;;) {
    for (let k = 0; k < CHUNK_ROWS; k++) {
      const fields = tokenizer.readRecord(sink);
      if (fields < 0) return { rows, rowNames };
      if (fields !== expected) throw raggedRow(tokenizer, fields, ncol, delimiter, reference);
      rows++;
    }
    if (rows === CHUNK_ROWS + 1) {
      // Rows so far per byte read, with a margin, so the columns grow once instead of doubling.
      const estimate = Math.ceil((rows * total) / tokenizer.pos * 1.05);
      for (const c of collectors) c.reserve(estimate);
    }
    ctx.progress(tokenizer.pos / total, message);
    await ctx.checkpoint();
  }
}

/**
 * The error for a line with the wrong number of fields. `reference` says what set the
 * count: the header (both null), the first data line when the header was one name short
 * (rowNamesLine), or the first line of a file without a header (firstLine).
 */
function raggedRow(
  tokenizer: Tokenizer,
  fields: number,
  ncol: number,
  delimiter: Delimiter,
  reference: { rowNamesLine: number | null; firstLine: number | null },
): AppError {
  const { rowNamesLine, firstLine } = reference;
  const fileName = tokenizer.fileName;
  const line = tokenizer.recordLine;
  const span = tokenizer.recordEndLine > line ? ` (a record continuing inside quotes to line ${tokenizer.recordEndLine})` : '';
  let message: string;
  if (rowNamesLine !== null) {
    message =
      `${fileName}: line ${line}${span} has ${fields} fields, but line ${rowNamesLine} has ${ncol + 1}: the header has ${ncol} ` +
      `names, so the first field of each line was taken as a row name, as R's read.table does.`;
  } else {
    const hint =
      delimiter === 'whitespace'
        ? ' In a blank-separated file a value containing spaces must be in quotes, and a missing value must be written NA.'
        : fields > ncol
          ? ` A value may contain an unquoted "${delimiter === '\t' ? '\\t' : delimiter}"; such values must be in quotes.`
          : '';
    const against = firstLine !== null ? `line ${firstLine}, the first line of data (no header), has ${ncol}` : `the header has ${ncol}`;
    message = `${fileName}: line ${line}${span} has ${fields} fields, ${against}.${hint}`;
  }
  return new AppError('bad-input', message, { file: fileName, line, fields, expected: rowNamesLine !== null ? ncol + 1 : ncol });
}

/**
 * Columns that met a label after rows of numbers re-read those rows' fields as text.
 * Only rows before the latest switch are scanned again, so a column that turns at
 * row 100,000 of 1,000,000 costs a tenth of a pass.
 */
async function rescanTextColumns(
  utf8: Uint8Array,
  delimiter: Delimiter,
  fileName: string,
  dataStart: { pos: number; line: number },
  collectors: ColumnCollector[],
  rowNames: boolean,
  ctx: TaskContext,
): Promise<void> {
  const pending = collectors.map((c) => (c.switchRow > 0 ? c : null));
  const lastRow = Math.max(0, ...collectors.map((c) => c.switchRow));
  if (lastRow === 0) return;
  const tokenizer = new Tokenizer(utf8, delimiter, fileName);
  tokenizer.pos = dataStart.pos;
  tokenizer.line = dataStart.line;
  const shift = rowNames ? 1 : 0;
  let row = 0;
  const sink: FieldSink = {
    field(index, start, end, flags) {
      const col = pending[index - shift];
      if (col && row < col.switchRow) col.setLabel(row, start, end, flags, tokenizer.recordLine);
    },
  };
  const names = pending.filter((c) => c !== null).map((c) => `"${c.name}"`);
  const message = `Reading ${fileName} again for column${names.length > 1 ? 's' : ''} ${names.join(', ')}…`;
  while (row < lastRow) {
    for (let k = 0; k < CHUNK_ROWS && row < lastRow; k++, row++) tokenizer.readRecord(sink);
    ctx.progress(row / lastRow, message);
    await ctx.checkpoint();
  }
}
