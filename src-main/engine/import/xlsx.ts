import { AppError } from '@shared/errors';
import { InvalidInputError, InvalidSpreadsheetError, SheetNotFoundError, readSheet } from 'read-excel-file/universal';
import type { TaskContext } from '../context';
import { buildColumn, checkNamedColumns } from './build-columns';
import { ColumnCollector, type FieldSource } from './collect';
import { findBinaryByte } from './decode';
import { extension } from './delimiter';
import { columnNames, positionalNames } from './header';
import { MissingMatcher } from './infer';
import { numberLabel } from './levels';
import type { ImportResult, ImportWarning, ReadOptions } from './read-data-file';
import { PLAIN } from './tokenize';

/**
 * Reads one sheet of an XLSX workbook into the same columns the CSV reader makes
 * of the same data. read-excel-file (its universal entry: plain JavaScript on an
 * ArrayBuffer, no DOM, no streams) unzips the workbook and turns the sheet's XML
 * into cell values; every cell is then written as the text a CSV export would
 * hold and goes through the CSV reader's ColumnCollector, so type inference
 * (integer, numeric, logical, factor), missing values ("NA", naStrings, empty
 * cells) and level order are one code path for both formats.
 *
 * Excel specifics, decided as R's readxl decides them where R has an answer:
 * - numbers are numbers; a column of whole numbers is "integer" as in the CSV of
 *   the same data (readxl makes every number a double; Nestor follows read.csv);
 * - TRUE/FALSE cells are logical;
 * - empty cells, and formula errors (#N/A, #DIV/0!, …) are missing, as in readxl;
 * - a formula cell is its cached value, the one Excel shows; a formula never
 *   calculated (some writers store none) is missing;
 * - dates: readxl gives POSIXct, which Nestor's columns do not have; a date column
 *   becomes a factor of ISO labels "2024-01-31", with " 10:30:00" when any cell of
 *   the column has a time of day (R's format() of a POSIXct vector does the same),
 *   so the levels sort in time order;
 * - leading empty rows and columns are skipped and the first non-empty row is the
 *   header, as in readxl (with options.header false it is the first data row, and
 *   the columns are V1, V2, … as read.csv names them with header = FALSE); empty rows inside the data are rows of missing values
 *   (readxl keeps them, and so does read.csv on Excel's CSV export of the sheet).
 */

const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);
const OTHER_SPREADSHEETS: Record<string, string> = {
  xls: 'an Excel 97–2003 workbook (.xls)',
  xlsb: 'an Excel binary workbook (.xlsb)',
  ods: 'an OpenDocument spreadsheet (.ods)',
};

/** Rows between checkpoints while cells are collected. */
const CHUNK_ROWS = 65536;
const DAY_MS = 86_400_000;
const PLAIN_FIELD = PLAIN;

export function isXlsxName(fileName: string): boolean {
  return XLSX_EXTENSIONS.has(extension(fileName));
}

/** The refusal for a spreadsheet format Nestor does not read, or null for any other name. */
export function unreadableSpreadsheet(fileName: string): AppError | null {
  const ext = extension(fileName);
  if (!Object.hasOwn(OTHER_SPREADSHEETS, ext)) return null;
  return new AppError(
    'unsupported',
    `${fileName} is ${OTHER_SPREADSHEETS[ext]}, which Nestor does not read. Open it in Excel or LibreOffice Calc, ` +
      'save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8", and import that file.',
    { file: fileName },
  );
}

type Cell = string | number | boolean | Date | null | undefined;

export async function readXlsx(bytes: Uint8Array, options: ReadOptions, ctx: TaskContext): Promise<ImportResult> {
  const fileName = options.fileName;
  const message = `Reading ${fileName}…`;
  ctx.progress(0, message);
  checkLeadingBytes(bytes, fileName);
  const sheet = sheetSelector(options.sheet, fileName);
  // The library unzips and parses in one call that reports nothing; count it as half the work.
  const rows = await sheetRows(bytes, sheet, fileName);
  ctx.progress(0.5, message);
  await ctx.checkpoint();

  const where = sheet === undefined ? 'the first sheet' : typeof sheet === 'number' ? `sheet ${sheet}` : `sheet "${sheet}"`;
  const table = findTable(rows);
  if (table === null) {
    throw new AppError('bad-input', `${fileName}: ${where} is empty: it has no header row and no data.`, { file: fileName });
  }
  const warnings: ImportWarning[] = [];
  const hasHeader = options.header ?? true;
  // Sheet row numbers are 1-based; the header row, when there is one, is the table's top row.
  const headerLine = table.top + 1;
  const names = hasHeader
    ? columnNames(
        Array.from({ length: table.width }, (_, j) => headerText(rows[table.top][table.left + j])),
        headerLine,
        fileName,
        warnings,
      )
    : positionalNames(table.width);
  checkNamedColumns(options, names, fileName);

  const dataTop = hasHeader ? table.top + 1 : table.top;
  const text = cellTexts(rows, table, dataTop);
  const source: FieldSource = { bytes: text.bytes, missing: new MissingMatcher(options.naStrings), altDecimal: -1 };
  const levels = options.levels ?? {};
  const nrow = text.rows;
  const collectors = names.map((name) => new ColumnCollector(name, source, Object.hasOwn(levels, name), Math.max(nrow, 1)));
  await collect(collectors, text, dataTop + 1, ctx, message);

  if (text.emptyRows.length > 0) warnings.push(emptyRowsWarning(fileName, text.emptyRows));
  if (nrow === 0 && hasHeader) warnings.push({ message: `${fileName} has a header but no data rows.`, line: headerLine });
  const factors = new Set(options.factors ?? []);
  const columns = collectors.map((c, j) => buildColumn(c, j, factors, levels, source.altDecimal, fileName, warnings));
  ctx.progress(1, message);
  return { columns, rows: nrow, warnings };
}

/** The leading bytes say what the file is; a clear refusal beats the library's "Doesn't look like an .xlsx file". */
function checkLeadingBytes(bytes: Uint8Array, fileName: string): void {
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (bytes.length === 0) {
    throw new AppError('bad-input', `${fileName} is empty (0 bytes): it is not an XLSX workbook.`, { file: fileName });
  }
  // Every .xlsx is a ZIP archive; an empty archive (PK\5\6) is left to the library's own message.
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return;
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new AppError(
      'unsupported',
      `${fileName} is not an XLSX workbook but an older Excel 97–2003 (.xls) workbook or a password-protected one, ` +
        'which Nestor does not read. In Excel, save it as "Excel Workbook (.xlsx)" without a password, or as "CSV UTF-8", and import that file.',
      { file: fileName },
    );
  }
  const text = findBinaryByte(bytes.subarray(0, 64 * 1024)) < 0;
  const what = text
    ? 'it holds text, not the ZIP archive every .xlsx file is. If it is a CSV or text data file, give it a .csv or .txt name and import it again.'
    : 'it does not start like the ZIP archive every .xlsx file is, so it is another kind of file or it is damaged.';
  throw new AppError('bad-input', `${fileName} is not an XLSX workbook: ${what}`, { file: fileName });
}

function sheetSelector(sheet: string | number | undefined, fileName: string): string | number | undefined {
  if (sheet === undefined || typeof sheet === 'string') return sheet;
  if (!Number.isInteger(sheet) || sheet < 1) {
    throw new AppError('bad-input', `${fileName}: sheet ${sheet} does not exist; sheets are numbered from 1.`, { file: fileName, sheet });
  }
  return sheet;
}

async function sheetRows(bytes: Uint8Array, sheet: string | number | undefined, fileName: string): Promise<Cell[][]> {
  // A copy: the library wants an ArrayBuffer of exactly the file, and a Node Buffer is often a view into a larger pool.
  const input = new Uint8Array(bytes).buffer;
  try {
    return (await readSheet(input, sheet)) as Cell[][];
  } catch (err) {
    throw libraryError(err, sheet, fileName);
  }
}

/** read-excel-file's errors as AppErrors saying what is wrong with the file. */
function libraryError(err: unknown, sheet: string | number | undefined, fileName: string): AppError {
  const detail = { file: fileName };
  if (err instanceof SheetNotFoundError) {
    const available = /Available sheets: (.*)$/.exec(err.message)?.[1];
    const count = /Sheet count: (\d+)/.exec(err.message)?.[1];
    const which = typeof sheet === 'number' ? `sheet ${sheet}` : `sheet named "${sheet}"`;
    const has = available !== undefined ? `its sheets are ${available}` : count !== undefined ? `it has ${count} sheet${count === '1' ? '' : 's'}` : err.message;
    return new AppError('bad-input', `${fileName} has no ${which}; ${has}.`, { ...detail, sheet: sheet ?? null });
  }
  if (err instanceof InvalidInputError) {
    if (err.code === 'INVALID_ZIP') {
      const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
      return new AppError(
        'bad-input',
        `${fileName} is damaged or incomplete: its ZIP archive cannot be unpacked${cause}. ` +
          'If it was downloaded or copied, fetch it again; or open it in Excel and save it again.',
        detail,
      );
    }
    return new AppError('bad-input', `${fileName} is not an XLSX workbook (${err.message}).`, detail);
  }
  if (err instanceof InvalidSpreadsheetError) {
    const cell = /<c\/> at row (\d+), col (\d+): (\w+)/.exec(err.message);
    if (cell) {
      const ref = `${columnLetters(Number(cell[2]))}${cell[1]}`;
      return new AppError('bad-input', `${fileName}: cell ${ref} holds a value that does not match its cell type (${cell[3]}); the workbook is damaged.`, {
        ...detail,
        line: Number(cell[1]),
        column: Number(cell[2]),
      });
    }
    return new AppError('bad-input', `${fileName} is not a valid XLSX workbook: ${err.message.replaceAll('`', '')}.`, detail);
  }
  // Whatever else the library throws was caused by these bytes: a refusal of the file, not a crash.
  const text = err instanceof Error ? err.message : String(err);
  return new AppError('bad-input', `${fileName} could not be read as an XLSX workbook; it may be damaged (${text}).`, detail);
}

function columnLetters(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

interface Table {
  /** Index (0-based) of the header row in the sheet's rows. */
  top: number;
  /** Index of the first column that holds any cell. */
  left: number;
  width: number;
}

function isEmptyCell(v: Cell): boolean {
  return v === null || v === undefined;
}

/** The area holding cells: from the first non-empty row and column to the last. */
function findTable(rows: Cell[][]): Table | null {
  let top = -1;
  let left = Infinity;
  let right = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = 0; j < row.length; j++) {
      if (isEmptyCell(row[j])) continue;
      if (top < 0) top = r;
      if (j < left) left = j;
      if (j > right) right = j;
    }
  }
  return top < 0 ? null : { top, left, width: right - left + 1 };
}

function headerText(v: Cell): string {
  if (isEmptyCell(v)) return '';
  return v instanceof Date ? dateLabel(v, hasTimeOfDay(v)) : cellString(v as string | number | boolean);
}

function cellString(v: string | number | boolean): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberLabel(v);
  return v ? 'TRUE' : 'FALSE';
}

/**
 * The library rounds a date's milliseconds down, so 10:30 stored as 0.4375 days can
 * arrive as 10:29:59.999; a time within a millisecond of a whole second is that second.
 */
function dateMs(d: Date): number {
  const ms = d.getTime();
  const second = Math.round(ms / 1000) * 1000;
  return Math.abs(ms - second) <= 1 ? second : ms;
}

function hasTimeOfDay(d: Date): boolean {
  const ms = dateMs(d);
  return ms === ms && ((ms % DAY_MS) + DAY_MS) % DAY_MS !== 0;
}

function dateLabel(d: Date, withTime: boolean): string {
  const ms = dateMs(d);
  if (ms !== ms) return '';
  const iso = new Date(ms).toISOString(); // 2024-01-31T10:30:00.000Z
  if (!withTime) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, ms % 1000 === 0 ? 19 : 23)}`;
}

/**
 * Every data cell of the table as UTF-8 text in one buffer, the shape the collectors
 * read: cell k (row-major) spans bytes [bounds[k], bounds[k + 1]); an empty cell is
 * an empty span, which the collectors read as missing.
 */
interface CellTexts {
  bytes: Uint8Array;
  bounds: Int32Array;
  rows: number;
  width: number;
  /** Sheet row numbers (1-based) of data rows with no cell at all. */
  emptyRows: number[];
}

/** `dataTop` is the index in `rows` of the first data row (the header row's, or the table's top when there is no header). */
function cellTexts(rows: Cell[][], table: Table, dataTop: number): CellTexts {
  const { left, width } = table;
  const nrow = rows.length - dataTop;
  const withTime = dateColumnsWithTime(rows, table, dataTop);
  const bounds = new Int32Array(nrow * width + 1);
  let bytes = new Uint8Array(Math.max(1024, nrow * width * 8));
  let length = 0;
  const encoder = new TextEncoder();
  const emptyRows: number[] = [];
  let k = 0;
  for (let i = 0; i < nrow; i++) {
    const row = rows[dataTop + i];
    let empty = true;
    for (let j = 0; j < width; j++) {
      const v = row[left + j];
      if (!isEmptyCell(v)) {
        empty = false;
        const s = v instanceof Date ? dateLabel(v, withTime[j] === 1) : cellString(v as string | number | boolean);
        // UTF-8 needs at most 3 bytes per UTF-16 code unit.
        if (length + 3 * s.length > bytes.length) {
          const grown = new Uint8Array(Math.max(2 * bytes.length, length + 3 * s.length));
          grown.set(bytes.subarray(0, length));
          bytes = grown;
        }
        length += encoder.encodeInto(s, bytes.subarray(length)).written;
      }
      bounds[++k] = length;
    }
    if (empty) emptyRows.push(dataTop + 1 + i);
  }
  return { bytes: bytes.subarray(0, length), bounds, rows: nrow, width, emptyRows };
}

/** 1 for each column where a date cell has a time of day: its dates are labelled with times. */
function dateColumnsWithTime(rows: Cell[][], table: Table, dataTop: number): Uint8Array {
  const withTime = new Uint8Array(table.width);
  for (let r = dataTop; r < rows.length; r++) {
    const row = rows[r];
    for (let j = 0; j < table.width; j++) {
      const v = row[table.left + j];
      if (v instanceof Date && withTime[j] === 0 && hasTimeOfDay(v)) withTime[j] = 1;
    }
  }
  return withTime;
}

/**
 * Feeds the cells to their columns, then re-reads as labels the rows of columns that turned to text.
 * `firstLine` is the sheet row number of the first data row.
 */
async function collect(collectors: ColumnCollector[], text: CellTexts, firstLine: number, ctx: TaskContext, message: string): Promise<void> {
  const { bounds, rows, width } = text;
  for (let i = 0; i < rows; i++) {
    const line = firstLine + i;
    for (let j = 0, k = i * width; j < width; j++, k++) collectors[j].add(bounds[k], bounds[k + 1], PLAIN_FIELD, line);
    if ((i + 1) % CHUNK_ROWS === 0) {
      ctx.progress(0.5 + (0.5 * i) / rows, message);
      await ctx.checkpoint();
    }
  }
  for (let j = 0; j < width; j++) {
    const c = collectors[j];
    for (let i = 0; i < c.switchRow; i++) {
      const k = i * width + j;
      c.setLabel(i, bounds[k], bounds[k + 1], PLAIN_FIELD, firstLine + i);
    }
  }
}

function emptyRowsWarning(fileName: string, emptyRows: readonly number[]): ImportWarning {
  const n = emptyRows.length;
  const shown = emptyRows.slice(0, 5).join(', ') + (n > 5 ? ', …' : '');
  return {
    message: `${fileName}: ${n} row${n > 1 ? 's' : ''} inside the data (row${n > 1 ? 's' : ''} ${shown}) ${n > 1 ? 'are' : 'is'} empty; ` +
      `${n > 1 ? 'each is' : 'it is'} read as a row of missing values.`,
    line: emptyRows[0],
  };
}
