import {
  INTEGER,
  MissingMatcher,
  NAN_LITERAL,
  NOT_A_NUMBER,
  logicalToken,
  logicalWord,
  numberScan,
  scanNumber,
  scanNumberText,
} from './infer';
import { LabelTable } from './label-table';
import { PLAIN, fieldValue } from './tokenize';

/** What every column of one file shares while it is read. */
export interface FieldSource {
  /** The file as UTF-8 without a BOM. */
  readonly bytes: Uint8Array;
  readonly missing: MissingMatcher;
  /** A second decimal mark (the comma in semicolon-separated files) or -1. */
  readonly altDecimal: number;
}

// The per-cell code uses module-level copies of imported bindings: vitest's module
// runner turns each use of an import into a property read, which doubled the time per
// cell in bench/import.bench.ts. Bundled builds compile both forms to the same code.
const scan = scanNumber;
const result = numberScan;
const IS_PLAIN = PLAIN;
const IS_INTEGER = INTEGER;
const IS_NAN = NAN_LITERAL;
const IS_NOT_A_NUMBER = NOT_A_NUMBER;

const INITIAL_CAPACITY = 1024;
/** A row read as a number before the column turned out to hold text; filled by a re-scan. */
const PENDING_CODE = -2;

/**
 * One column as it is scanned. It starts as numbers (a growable Float64Array) and
 * stays so while every value is a number or while every value is a logical, the
 * way R's type.convert decides a column. At the first other value it turns into
 * labels (a LabelTable and an Int32Array of codes); the rows before that are
 * marked PENDING_CODE and re-read from the text afterwards (`switchRow`), because
 * their labels must be the text as written ("1.50", not 1.5).
 */
export class ColumnCollector {
  rows = 0;
  values: Float64Array;
  codes: Int32Array | null = null;
  textMode: boolean;
  /** Rows [0, switchRow) must be re-read as labels; 0 when there are none. */
  switchRow = 0;
  seenNumber = false;
  seenLogical = false;
  allInteger = true;
  nanCount = 0;
  readonly labels: LabelTable;

  constructor(
    readonly name: string,
    private readonly source: FieldSource,
    /** Read as labels from the first row (explicit levels given). */
    textFromStart: boolean,
    capacity = INITIAL_CAPACITY,
  ) {
    this.textMode = textFromStart;
    this.labels = new LabelTable(source.bytes);
    if (textFromStart) {
      this.values = new Float64Array(0);
      this.codes = new Int32Array(capacity);
    } else {
      this.values = new Float64Array(capacity);
    }
  }

  add(start: number, end: number, flags: number, line: number): void {
    const row = this.rows++;
    if (this.textMode) {
      if (row === this.codes!.length) this.grow();
      this.setLabel(row, start, end, flags, line);
      return;
    }
    if (row === this.values.length) this.grow();
    const bytes = this.source.bytes;
    if (flags !== IS_PLAIN) {
      this.addValueText(row, fieldValue(bytes, start, end, flags), line);
      return;
    }
    if (this.source.missing.isMissing(bytes, start, end)) {
      this.values[row] = NaN;
      return;
    }
    const v = scan(bytes, start, end, this.source.altDecimal);
    if (this.accepts(row, v, result.kind === IS_NOT_A_NUMBER ? logicalToken(bytes, start, end) : -1)) return;
    this.switchToText(row);
    this.codes![row] = this.labels.codeOfSpan(start, end, line);
  }

  /** The same decision for a value that is already a string (a quoted field with escapes). */
  private addValueText(row: number, value: string, line: number): void {
    if (this.source.missing.isMissingText(value)) {
      this.values[row] = NaN;
      return;
    }
    const v = scanNumberText(value, this.source.altDecimal);
    if (this.accepts(row, v, numberScan.kind === NOT_A_NUMBER ? logicalWord(value) : -1)) return;
    this.switchToText(row);
    this.codes![row] = this.labels.codeOfText(value, line);
  }

  /**
   * Stores a number (numberScan.kind says which) or a logical (0/1, -1 if the field is
   * not one) while the column can stay numeric; false when it must become labels.
   */
  private accepts(row: number, v: number, logical: number): boolean {
    const kind = result.kind;
    if (kind !== IS_NOT_A_NUMBER) {
      if (this.seenLogical) return false;
      this.seenNumber = true;
      if (kind !== IS_INTEGER) {
        this.allInteger = false;
        if (kind === IS_NAN) this.nanCount++;
      }
      this.values[row] = v;
      return true;
    }
    if (logical < 0 || this.seenNumber) return false;
    this.seenLogical = true;
    this.values[row] = logical;
    return true;
  }

  /** Sets row's label from a field (a re-scan of rows read as numbers also lands here). */
  setLabel(row: number, start: number, end: number, flags: number, line: number): void {
    const bytes = this.source.bytes;
    if (flags === IS_PLAIN) {
      this.codes![row] = this.source.missing.isMissing(bytes, start, end) ? -1 : this.labels.codeOfSpan(start, end, line);
      return;
    }
    const value = fieldValue(bytes, start, end, flags);
    this.codes![row] = this.source.missing.isMissingText(value) ? -1 : this.labels.codeOfText(value, line);
  }

  private switchToText(row: number): void {
    this.textMode = true;
    this.switchRow = row;
    const codes = new Int32Array(this.values.length);
    codes.fill(PENDING_CODE, 0, row);
    this.codes = codes;
    this.values = new Float64Array(0);
    this.nanCount = 0;
  }

  private grow(): void {
    this.reserve(2 * (this.textMode ? this.codes!.length : this.values.length));
  }

  /** Makes room for `capacity` rows in one step (the reader estimates the total from the first rows). */
  reserve(capacity: number): void {
    if (this.textMode) {
      if (capacity <= this.codes!.length) return;
      const codes = new Int32Array(capacity);
      codes.set(this.codes!);
      this.codes = codes;
    } else {
      if (capacity <= this.values.length) return;
      const values = new Float64Array(capacity);
      values.set(this.values);
      this.values = values;
    }
  }

  /** The kind R's type.convert gives a column that stayed numeric. */
  numericKind(): 'integer' | 'numeric' | 'logical' {
    if (this.seenLogical || !this.seenNumber) return 'logical'; // all-missing columns are logical in R too
    return this.allInteger ? 'integer' : 'numeric';
  }

  finalValues(): Float64Array {
    return this.values.length === this.rows ? this.values : this.values.slice(0, this.rows);
  }

  finalCodes(): Int32Array {
    const codes = this.codes!;
    return codes.length === this.rows ? codes : codes.slice(0, this.rows);
  }
}
