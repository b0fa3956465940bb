import { z } from 'zod';
import { MAX_UPLOAD_BASE64 } from './limits';

/**
 * How a column is stored and modelled. Numbers (numeric, integer, logical as 0/1)
 * are Float64 with NaN for missing; factors are Int32 codes into `levels` with -1
 * for missing. R treats strings in model formulas as factors, so Nestor does too.
 */
export const ColumnKind = z.enum(['numeric', 'integer', 'logical', 'factor']);
export type ColumnKind = z.infer<typeof ColumnKind>;

export const ColumnInfo = z.object({
  name: z.string(),
  kind: ColumnKind,
  missing: z.number().int().nonnegative(),
  /** Factor levels in order; the first is the reference level. */
  levels: z.array(z.string()).optional(),
  /** The column as imported, when variable settings (variables.ts) rename it or change its type or levels. */
  imported: z.object({ name: z.string(), kind: ColumnKind, levels: z.array(z.string()).optional() }).optional(),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const DatasetId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const DatasetInfo = z.object({
  id: DatasetId,
  name: z.string(),
  /** Where it came from: a file name, or "sample: Exam". */
  source: z.string(),
  rows: z.number().int().nonnegative(),
  columns: z.array(ColumnInfo),
  importedAt: z.string(),
});
export type DatasetInfo = z.infer<typeof DatasetInfo>;

export const MAX_PAGE_ROWS = 2000;
export const MAX_PAGE_COLUMNS = 500;

export const DataPageRequest = z
  .object({
    datasetId: DatasetId,
    rowStart: z.number().int().nonnegative(),
    rowCount: z.number().int().positive().max(MAX_PAGE_ROWS),
    columnStart: z.number().int().nonnegative().default(0),
    columnCount: z.number().int().positive().max(MAX_PAGE_COLUMNS).default(MAX_PAGE_COLUMNS),
  })
  .strict();
export type DataPageRequest = z.input<typeof DataPageRequest>;

/** A cell as the grid shows it: a number, a factor label, or null for missing. */
export const Cell = z.union([z.number(), z.string(), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const DataPage = z.object({
  datasetId: DatasetId,
  rowStart: z.number().int(),
  rowCount: z.number().int(),
  columnStart: z.number().int(),
  /** Column-major: columns[j][i] is row rowStart + i of column columnStart + j. */
  columns: z.array(z.object({ name: z.string(), cells: z.array(Cell) })),
});
export type DataPage = z.infer<typeof DataPage>;

/** A data file to import: a path on the machine running main, or the bytes of an uploaded file. */
export const ImportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('upload'),
      name: z.string().min(1).max(255),
      /** base64 of the file's bytes */
      base64: z.string().max(MAX_UPLOAD_BASE64),
    })
    .strict(),
  z.object({ kind: z.literal('sample'), name: z.string().regex(/^[a-z0-9_-]{1,40}$/) }).strict(),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportOptions = z
  .object({
    /** Dataset name; defaults to the file name without extension. */
    name: z.string().min(1).max(200).optional(),
    /** Extra strings read as missing, besides empty fields and NA. */
    naStrings: z.array(z.string().max(100)).max(50).optional(),
    /** Columns to read as factors even when they look numeric (e.g. school ids). */
    factors: z.array(z.string().max(200)).max(1000).optional(),
    /** Level order per column (the first level is the reference level); the column becomes a factor. */
    levels: z.record(z.string().max(200), z.array(z.string().max(1000)).max(100_000)).optional(),
    /** How fields are separated; by default chosen from the file name and its first line. */
    delimiter: z.enum(['auto', ',', ';', '\t', 'whitespace']).optional(),
    /** A workbook's sheet: its name or 1-based position (first sheet by default). */
    sheet: z.union([z.string().max(200), z.number().int().positive()]).optional(),
    /** Whether the first line names the columns (default true); false reads it as data, with columns V1, V2, … as R's header = FALSE. */
    header: z.boolean().optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptions>;

/** Bytes of a text file the import preview reads, cut back to a line end: a few thousand rows, read in a few milliseconds. */
export const PREVIEW_HEAD_BYTES = 256 * 1024;
/** Rows of the file the import dialog shows. */
export const PREVIEW_ROWS = 20;

/** The options that change how a file is read; the dataset's name and the factor choices do not. */
export const PreviewOptions = ImportOptions.pick({ naStrings: true, delimiter: true, sheet: true, header: true });
export type PreviewOptions = z.infer<typeof PreviewOptions>;

export const PreviewRequest = z
  .object({
    name: z.string().min(1).max(255),
    /**
     * base64 of the file's bytes: of its first PREVIEW_HEAD_BYTES or more for a text file
     * (only that much is read), of the whole file for a workbook (a ZIP archive has no head).
     */
    base64: z.string().max(MAX_UPLOAD_BASE64),
    /** The whole file's size in bytes, which tells whether `base64` holds all of it. */
    size: z.number().int().nonnegative(),
    options: PreviewOptions.default({}),
  })
  .strict();
export type PreviewRequest = z.input<typeof PreviewRequest>;

/** A warning or error about a place in the file (line = sheet row for workbooks, column = field or character). */
export const FileMessage = z.object({
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type FileMessage = z.infer<typeof FileMessage>;

export const PreviewColumn = z.object({
  name: z.string(),
  /** The kind the import would give the column if the whole file looked like the rows read. */
  kind: ColumnKind,
  /** Missing values among the rows read. */
  missing: z.number().int().nonnegative(),
});
export type PreviewColumn = z.infer<typeof PreviewColumn>;

export const ImportPreview = z.object({
  fileName: z.string(),
  format: z.enum(['text', 'xlsx']),
  /** The delimiter the import would use (the one asked for, or the one 'auto' chooses); null for workbooks. */
  delimiter: z.enum([',', ';', '\t', 'whitespace']).nullable(),
  columns: z.array(PreviewColumn),
  /** The first PREVIEW_ROWS rows, row by row; null is a missing value. */
  rows: z.array(z.array(Cell)),
  /** Rows read to guess the types and count the missing values. */
  rowsRead: z.number().int().nonnegative(),
  /** True when the whole file was read: the types are then the import's, not a guess from its head. */
  complete: z.boolean(),
  warnings: z.array(FileMessage),
  /** Why the file cannot be read with these options (columns and rows are then empty). */
  error: FileMessage.nullable(),
  /** The first lines of a text file as written, to see why it splits the way it does. */
  lines: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const SampleInfo = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  /** Its file under resources/sample-data, which R code reading the sample names. */
  file: z.string(),
});
export type SampleInfo = z.infer<typeof SampleInfo>;
