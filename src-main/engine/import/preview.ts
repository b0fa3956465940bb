import { PREVIEW_HEAD_BYTES, PREVIEW_ROWS, type Cell, type FileMessage, type ImportPreview, type PreviewOptions } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { Column } from '../data/column';
import { silentContext, type TaskContext } from '../context';
import { utf8Text } from './decode';
import { chooseDelimiter } from './delimiter';
import { readDataFile, type ImportResult } from './read-data-file';
import { UnclosedQuoteError, type Delimiter } from './tokenize';
import { isXlsxName } from './xlsx';

export interface PreviewInput {
  fileName: string;
  /** The file, or at least its first PREVIEW_HEAD_BYTES for a text file. */
  bytes: Uint8Array;
  /** The whole file's size, which says whether `bytes` is all of it. */
  size: number;
  options: PreviewOptions;
}

/** A quoted value longer than this is taken for an unclosed quote rather than one cut off by the end of the head. */
const LONGEST_QUOTED_VALUE = 64 * 1024;
/** Lines of the file shown as written, and how much of each. */
const SHOWN_LINES = 12;
const SHOWN_LINE_CHARS = 200;

/**
 * What the import would make of a file with these options, for the import dialog: the
 * delimiter, the columns with the kinds the reader infers and their missing values, and
 * the first rows. It runs the importer itself (readDataFile) so the preview cannot
 * disagree with the import about the rows it read; for a text file it reads only the
 * head (PREVIEW_HEAD_BYTES cut back to a line end), so the kinds are a guess from those
 * rows and the dialog says so. A workbook is read whole: a ZIP archive has no head.
 * A file the importer refuses gives a preview with the error (its line and column) in
 * place of the columns, never a thrown error.
 */
export async function previewDataFile(input: PreviewInput, ctx: TaskContext = silentContext): Promise<ImportPreview> {
  const { fileName, options } = input;
  const xlsx = isXlsxName(fileName);
  const head = xlsx ? { bytes: input.bytes, cut: false } : textHead(input.bytes, input.size);
  const preview: ImportPreview = {
    fileName,
    format: xlsx ? 'xlsx' : 'text',
    delimiter: null,
    columns: [],
    rows: [],
    rowsRead: 0,
    complete: !head.cut,
    warnings: [],
    error: null,
    lines: [],
  };
  try {
    let delimiter: Delimiter | undefined;
    if (!xlsx) {
      const utf8 = utf8Text(head.bytes, fileName);
      preview.lines = shownLines(utf8);
      delimiter = options.delimiter === undefined || options.delimiter === 'auto' ? chooseDelimiter(fileName, utf8) : options.delimiter;
      preview.delimiter = delimiter;
    }
    const read = { ...options, fileName, delimiter };
    const result = await readHead(head, read, ctx, preview.warnings);
    preview.warnings.unshift(...result.warnings.map(fileMessage));
    preview.columns = result.columns.map((c) => ({ name: c.name, kind: c.kind, missing: missingCount(c) }));
    preview.rows = firstRows(result.columns, Math.min(result.rows, PREVIEW_ROWS));
    preview.rowsRead = result.rows;
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'cancelled' || err.code === 'internal') throw err;
    preview.error = fileMessage({ message: err.message, ...placeOf(err.detail) });
  }
  return preview;
}

/**
 * Reads the head. When the head was cut and ends inside a quoted value that opened
 * near its end, that last record is dropped (the quote most likely closes after the
 * cut) and the preview says where it stopped.
 */
async function readHead(
  head: { bytes: Uint8Array; cut: boolean },
  options: Parameters<typeof readDataFile>[1],
  ctx: TaskContext,
  notes: FileMessage[],
): Promise<ImportResult> {
  try {
    return await readDataFile(head.bytes, options, ctx);
  } catch (err) {
    const cutQuote =
      head.cut && err instanceof UnclosedQuoteError && err.recordStart > 0 && head.bytes.length - err.recordStart <= LONGEST_QUOTED_VALUE;
    if (!cutQuote) throw err;
    const line = (err.detail as { line: number }).line;
    notes.push({
      message: `The preview stops before line ${line}: a quoted value there goes on past the part of the file the preview reads.`,
      line,
    });
    return readDataFile(head.bytes.subarray(0, err.recordStart), options, ctx);
  }
}

/**
 * The first PREVIEW_HEAD_BYTES of a text file cut back to the end of a line, so no
 * record is split; `cut` says whether the file goes on after it.
 */
export function textHead(bytes: Uint8Array, size: number): { bytes: Uint8Array; cut: boolean } {
  const cut = size > bytes.length || bytes.length > PREVIEW_HEAD_BYTES;
  if (!cut) return { bytes, cut };
  return { bytes: bytes.subarray(0, lineEndBefore(bytes, Math.min(bytes.length, PREVIEW_HEAD_BYTES))), cut };
}

/** The position just after the last line break (LF, CRLF or CR) before `limit`, in UTF-8 or BOM-marked UTF-16. */
export function lineEndBefore(bytes: Uint8Array, limit: number): number {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (le || be) {
    // A UTF-16 code unit starts at an even offset; LF and CR are 0A 00 / 0D 00 (LE) or 00 0A / 00 0D (BE).
    for (let k = (limit & ~1) - 2; k >= 2; k -= 2) {
      const [low, high] = le ? [bytes[k], bytes[k + 1]] : [bytes[k + 1], bytes[k]];
      if (high === 0 && (low === 10 || low === 13)) return k + 2;
    }
    return limit & ~1;
  }
  for (let i = limit - 1; i >= 0; i--) {
    const c = bytes[i];
    if (c === 10) return i + 1;
    if (c === 13) return i + 1 < bytes.length && bytes[i + 1] === 10 ? i + 2 : i + 1;
  }
  // One line longer than the head: cut it at a character boundary (UTF-8 continuation bytes are 10xxxxxx).
  let end = limit;
  while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
  return end;
}

function shownLines(utf8: Uint8Array): string[] {
  const text = new TextDecoder().decode(utf8.subarray(0, SHOWN_LINES * SHOWN_LINE_CHARS * 4));
  const lines = text.split(/\r\n|\r|\n/);
  // A file that ends with a line break has no line after it.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines
    .slice(0, SHOWN_LINES)
    .map((line) => (line.length > SHOWN_LINE_CHARS ? `${line.slice(0, SHOWN_LINE_CHARS)}…` : line));
}

function missingCount(c: Column): number {
  let n = 0;
  if (c.kind === 'factor') {
    for (const code of c.codes) if (code < 0) n++;
  } else {
    for (const v of c.values) if (v !== v) n++;
  }
  return n;
}

/** Rows as the grid receives cells: numbers, labels, null for missing. */
function firstRows(columns: Column[], count: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push(
      columns.map((c) => {
        if (c.kind === 'factor') return c.codes[i] < 0 ? null : c.levels[c.codes[i]];
        const v = c.values[i];
        // JSON, which the browser host speaks, has no infinities; their labels are what R prints.
        if (v === Infinity || v === -Infinity) return v > 0 ? 'Inf' : '-Inf';
        return v === v ? v : null;
      }),
    );
  }
  return rows;
}

/** The line and column of an importer error's detail: `column` is a character position or a 1-based field number. */
function placeOf(detail: unknown): { line?: number; column?: number } {
  if (typeof detail !== 'object' || detail === null) return {};
  const d = detail as Record<string, unknown>;
  return {
    line: typeof d.line === 'number' ? d.line : undefined,
    column: typeof d.column === 'number' ? d.column : undefined,
  };
}

function fileMessage(w: { message: string; line?: number; column?: number }): FileMessage {
  const out: FileMessage = { message: w.message };
  if (w.line !== undefined) out.line = w.line;
  if (w.column !== undefined) out.column = w.column;
  return out;
}
