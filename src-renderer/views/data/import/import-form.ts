import { PREVIEW_HEAD_BYTES, type ImportOptions, type ImportPreview, type PreviewOptions } from '@shared/dataset';
import { formatCount } from '../../../lib/format';

/**
 * The import dialog's choices as the person edits them, and how they become the
 * preview's and the import's options. Nothing here reads a file or talks to main.
 */
export type DelimiterChoice = NonNullable<ImportOptions['delimiter']>;

export interface ImportForm {
  delimiter: DelimiterChoice;
  header: boolean;
  /** Missing codes as typed: comma-separated, e.g. "-99, ." */
  missing: string;
  /** The dataset's name; blank means the file name without its extension. */
  name: string;
  /** A workbook's sheet as typed: a name, a 1-based number, or blank for the first sheet. */
  sheet: string;
  /** Columns the person chose to read as factors ("auto" leaves the column out). */
  factors: string[];
}

export const DELIMITERS: { value: DelimiterChoice; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
  { value: 'whitespace', label: 'Spaces or tabs (whitespace)' },
];

export function newForm(): ImportForm {
  return { delimiter: 'auto', header: true, missing: '', name: '', sheet: '', factors: [] };
}

/** Workbooks are read by sheet; everything else as delimited text. Matches the engine's isXlsxName. */
export function isWorkbookName(fileName: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(fileName);
}

export function defaultDatasetName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** "-99, ., n/a" → ["-99", ".", "n/a"]: trimmed, without blanks or repeats. */
export function parseMissingCodes(text: string): string[] {
  const codes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return [...new Set(codes)];
}

/** "2" is the second sheet; any other text is a sheet name; blank is the first sheet. */
export function parseSheet(text: string): string | number | undefined {
  const t = text.trim();
  if (t.length === 0) return undefined;
  return /^[1-9]\d{0,5}$/.test(t) ? Number(t) : t;
}

export function previewOptions(form: ImportForm, fileName: string): PreviewOptions {
  const options: PreviewOptions = { header: form.header };
  const naStrings = parseMissingCodes(form.missing);
  if (naStrings.length > 0) options.naStrings = naStrings;
  if (isWorkbookName(fileName)) {
    const sheet = parseSheet(form.sheet);
    if (sheet !== undefined) options.sheet = sheet;
  } else {
    options.delimiter = form.delimiter;
  }
  return options;
}

/** The import's options: the preview's, the name, and the factor choices of columns the file still has. */
export function importOptions(form: ImportForm, fileName: string, preview: ImportPreview | null): ImportOptions {
  const options: ImportOptions = { ...previewOptions(form, fileName) };
  const name = form.name.trim();
  if (name.length > 0) options.name = name.slice(0, 200);
  const known = new Set(preview?.columns.map((c) => c.name) ?? []);
  const factors = form.factors.filter((f) => known.has(f));
  if (factors.length > 0) options.factors = factors;
  return options;
}

/** Chooses or clears "factor" for a column, keeping the other choices. */
export function withFactor(factors: readonly string[], column: string, factor: boolean): string[] {
  const rest = factors.filter((f) => f !== column);
  return factor ? [...rest, column] : rest;
}

/** The part of a file the preview needs: the head of a text file (one byte more, to tell if it goes on), a workbook whole. */
export function previewSlice(file: Blob, fileName: string): Blob {
  return isWorkbookName(fileName) ? file : file.slice(0, PREVIEW_HEAD_BYTES + 1);
}

export function delimiterName(d: ImportPreview['delimiter']): string {
  switch (d) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    case 'whitespace':
      return 'whitespace';
    default:
      return '';
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** What the kinds shown rest on: every row, or only the rows of the file's head. */
export function typesNote(preview: ImportPreview, fileSize: number): string {
  const rows = `${formatCount(preview.rowsRead)} row${preview.rowsRead === 1 ? '' : 's'}`;
  if (preview.complete) return `Types are read from all ${rows} of the file.`;
  return (
    `Types are guessed from the first ${rows} (the first ${formatBytes(PREVIEW_HEAD_BYTES)} of ${formatBytes(fileSize)}); ` +
    'the import reads every row and may find a column that is not what it seems here.'
  );
}
