import { AppError } from '@shared/errors';

export type Delimiter = ',' | ';' | '\t' | 'whitespace';

/** How the characters of a field relate to its value. */
export const PLAIN = 0;
/** The span is the inside of a quoted field that holds doubled quotes (""). */
export const DOUBLED_QUOTES = 1;
/** The span is a whole raw field: a quoted part followed by more text ("ab"cd). */
export const RAW_QUOTED = 2;

/**
 * A quote that is never closed. `recordStart` is the byte where its record begins, so a
 * reader of a file's head (the import preview) can tell a quote cut off by the end of the
 * head from one that is really unclosed, and drop that record.
 */
export class UnclosedQuoteError extends AppError {
  constructor(
    message: string,
    detail: { file: string; line: number; column: number; field: number },
    readonly recordStart: number,
  ) {
    super('bad-input', message, detail);
  }
}

/** Receives the fields of one record; `index` counts from 0 within the record. */
export interface FieldSink {
  field(index: number, start: number, end: number, flags: number): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;

/**
 * Splits UTF-8 text into records and fields by scanning its bytes once, without
 * per-line strings, so a field reaches its column as a byte span. Every byte this
 * looks for is ASCII, and UTF-8 never uses ASCII bytes inside other characters.
 *
 * R's conventions: double-quoted fields with "" escapes may hold delimiters and
 * line breaks; LF, CRLF and lone CR end lines; blank lines are skipped
 * (blank.lines.skip); leading and trailing blanks of unquoted fields are dropped
 * (R's strip.white = TRUE; read.csv keeps them in text columns, where " F" and
 * "F" would become two levels that look the same in a grid).
 * In whitespace mode (read.table's sep = ""), runs of spaces and tabs separate
 * fields and "#" starts a comment (read.table's comment.char). Single quotes are
 * not quote characters here, unlike read.table: apostrophes in unquoted labels
 * ("Cote d'Ivoire") are far more common in data files than single-quoted fields.
 */
export class Tokenizer {
  /** Position of the next character to read. */
  pos = 0;
  /** 1-based line of `pos`. */
  line = 1;
  /** Lines on which the last record started and ended. */
  recordLine = 0;
  /** Byte at which the last record started. */
  recordStart = 0;
  recordEndLine = 0;
  /** Column names, once known, so an error can name the column. */
  names: readonly string[] | null = null;

  private readonly delim: number;
  private readonly whitespace: boolean;
  /** Blanks trimmed around fields: the tab is not a blank when it is the delimiter. */
  private readonly tabIsBlank: boolean;

  constructor(
    readonly bytes: Uint8Array,
    delimiter: Delimiter,
    readonly fileName: string,
  ) {
    this.whitespace = delimiter === 'whitespace';
    this.delim = this.whitespace ? -1 : delimiter.charCodeAt(0);
    this.tabIsBlank = delimiter !== '\t';
  }

  /** Reads one record into `sink`; returns its number of fields, or -1 when no records are left. */
  readRecord(sink: FieldSink): number {
    return this.whitespace ? this.readWhitespaceRecord(sink) : this.readDelimitedRecord(sink);
  }

  private isBlank(c: number): boolean {
    return c === SPACE || (c === TAB && this.tabIsBlank);
  }

  /** Skips blank lines; returns false at the end of the bytes. */
  private skipBlankLines(): boolean {
    const bytes = this.bytes;
    const n = bytes.length;
    let p = this.pos;
    for (;;) {
      let q = p;
      let c = -1;
      while (q < n) {
        c = bytes[q];
        if (c === SPACE || (c === TAB && this.tabIsBlank)) q++;
        else if (c === HASH && this.whitespace) q = this.lineEnd(q);
        else break;
      }
      if (q >= n) {
        this.pos = n;
        return false;
      }
      if (c !== LF && c !== CR) {
        // Leading blanks separate nothing in whitespace mode; elsewhere a leading tab is an empty field.
        this.pos = this.whitespace ? q : p;
        return true;
      }
      p = this.afterNewline(q);
    }
  }

  private lineEnd(p: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    while (p < n) {
      const c = bytes[p];
      if (c === LF || c === CR) break;
      p++;
    }
    return p;
  }

  /** Position after the line break at p; counts the line. */
  private afterNewline(p: number): number {
    this.line++;
    if (this.bytes[p] === CR && p + 1 < this.bytes.length && this.bytes[p + 1] === LF) return p + 2;
    return p + 1;
  }

  private readDelimitedRecord(sink: FieldSink): number {
    if (!this.skipBlankLines()) return -1;
    const bytes = this.bytes;
    const n = bytes.length;
    const d = this.delim;
    let p = this.pos;
    this.recordLine = this.line;
    this.recordStart = p;
    let field = 0;
    for (;;) {
      let c = 0;
      while (p < n && this.isBlank((c = bytes[p]))) p++;
      if (p < n && c === QUOTE) {
        p = this.readQuoted(sink, field, p, d);
      } else {
        const start = p;
        while (p < n) {
          c = bytes[p];
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        let end = p;
        while (end > start && this.isBlank(bytes[end - 1])) end--;
        sink.field(field, start, end, PLAIN);
      }
      field++;
      if (p >= n) {
        this.recordEndLine = this.line;
        this.pos = n;
        return field;
      }
      c = bytes[p];
      if (c === d) {
        p++;
        continue;
      }
      this.recordEndLine = this.line;
      this.pos = this.afterNewline(p);
      return field;
    }
  }

  private readWhitespaceRecord(sink: FieldSink): number {
    if (!this.skipBlankLines()) return -1;
    const bytes = this.bytes;
    const n = bytes.length;
    let p = this.pos;
    this.recordLine = this.line;
    this.recordStart = p;
    let field = 0;
    for (;;) {
      let c = bytes[p];
      if (c === QUOTE) {
        p = this.readQuoted(sink, field, p, -1);
      } else {
        const start = p;
        while (p < n) {
          c = bytes[p];
          if (c === SPACE || c === TAB || c === LF || c === CR || c === HASH) break;
          p++;
        }
        sink.field(field, start, p, PLAIN);
      }
      field++;
      while (p < n && ((c = bytes[p]) === SPACE || c === TAB)) p++;
      if (p < n && c === HASH) p = this.lineEnd(p);
      if (p >= n) {
        this.recordEndLine = this.line;
        this.pos = n;
        return field;
      }
      c = bytes[p];
      if (c === LF || c === CR) {
        this.recordEndLine = this.line;
        this.pos = this.afterNewline(p);
        return field;
      }
    }
  }

  /**
   * Reads a field that opens with a quote at `open`; returns the position after it
   * (at the delimiter, line break or end). `d` is the delimiter, -1 for whitespace.
   */
  private readQuoted(sink: FieldSink, field: number, open: number, d: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    const openLine = this.line;
    let p = open + 1;
    let doubled = false;
    let close = -1;
    while (p < n) {
      const c = bytes[p];
      if (c === QUOTE) {
        if (p + 1 < n && bytes[p + 1] === QUOTE) {
          doubled = true;
          p += 2;
          continue;
        }
        close = p;
        break;
      }
      if (c === LF || (c === CR && !(p + 1 < n && bytes[p + 1] === LF))) this.line++;
      p++;
    }
    if (close < 0) throw this.unterminatedQuote(open, openLine, field);
    p = close + 1;
    let q = p;
    while (q < n && this.isFieldGap(bytes[q], d)) q++;
    const next = q < n ? bytes[q] : -1;
    if (next === -1 || next === d || next === LF || next === CR || (d === -1 && (q > p || next === HASH))) {
      sink.field(field, open + 1, close, doubled ? DOUBLED_QUOTES : PLAIN);
      return d === -1 ? p : q;
    }
    // Text right after the closing quote ("ab"cd): kept as part of the value, as
    // spreadsheets do, rather than refusing the file.
    while (q < n) {
      const c = bytes[q];
      if (c === d || c === LF || c === CR || (d === -1 && (c === SPACE || c === TAB || c === HASH))) break;
      q++;
    }
    let end = q;
    while (end > open && this.isBlank(bytes[end - 1])) end--;
    sink.field(field, open, end, RAW_QUOTED);
    return q;
  }

  private isFieldGap(c: number, d: number): boolean {
    return d === -1 ? c === SPACE || c === TAB : this.isBlank(c);
  }

  private unterminatedQuote(open: number, openLine: number, field: number): AppError {
    const bytes = this.bytes;
    let lineStart = open;
    while (lineStart > 0 && bytes[lineStart - 1] !== LF && bytes[lineStart - 1] !== CR) lineStart--;
    let column = 1;
    // Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start one.
    for (let p = lineStart; p < open; p++) if ((bytes[p] & 0xc0) !== 0x80) column++;
    const name = this.names?.[field];
    const which = name !== undefined ? `column "${name}"` : `field ${field + 1}`;
    return new UnclosedQuoteError(
      `${this.fileName}: line ${openLine}, character ${column}: a quote opens here (${which}) and is never closed.`,
      { file: this.fileName, line: openLine, column, field: field + 1 },
      this.recordStart,
    );
  }
}

const decoder = new TextDecoder();

/** The text of a field; the span is the value itself only for PLAIN (see DOUBLED_QUOTES, RAW_QUOTED). */
export function fieldValue(bytes: Uint8Array, start: number, end: number, flags: number): string {
  const text = decoder.decode(bytes.subarray(start, end));
  if (flags === PLAIN) return text;
  if (flags === DOUBLED_QUOTES) return text.replaceAll('""', '"');
  let out = '';
  let p = 1;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) {
      if (p + 1 < text.length && text.charCodeAt(p + 1) === QUOTE) {
        out += '"';
        p++;
        continue;
      }
      p++;
      break;
    }
    out += text[p];
  }
  return out + text.slice(p);
}
