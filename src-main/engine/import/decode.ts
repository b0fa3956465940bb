import { AppError } from '@shared/errors';

/**
 * Checks that the bytes are text and returns them as UTF-8 without a byte-order
 * mark; the reader then scans bytes, which is about twice as fast as scanning a
 * decoded string, and decodes only labels. Nestor reads UTF-8 (with or without a
 * BOM) and, because Excel's "Unicode Text" export is UTF-16 with a BOM, UTF-16
 * with a BOM as well. Anything else is refused with the line and byte where it
 * stops being text, so a person can find the spot instead of a grid of mojibake.
 */
export function utf8Text(bytes: Uint8Array, fileName: string): Uint8Array {
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== null) return new TextEncoder().encode(decodeUtf16(bytes, utf16, fileName));

  const binaryAt = findBinaryByte(bytes);
  if (binaryAt >= 0) throw binaryFileError(bytes, binaryAt, fileName);

  if (!isValidUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    throw at >= 0 ? invalidUtf8Error(bytes, at, fileName) : new AppError('internal', `${fileName}: UTF-8 check disagrees.`);
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom ? bytes.subarray(3) : bytes;
}

const BLOCK = 64 * 1024;

/**
 * TextDecoder's fatal mode is the validity test, run only on the stretches of
 * 64 KiB blocks that hold bytes ≥ 0x80: pure ASCII is valid UTF-8, and most data
 * files are nearly all ASCII, so this skips the cost of building a string of the
 * whole file. A multi-byte character never spans into an all-ASCII block, so each
 * run of non-ASCII blocks can be checked on its own.
 */
function isValidUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const valid = (start: number, end: number): boolean => {
    try {
      decoder.decode(bytes.subarray(start, end));
      return true;
    } catch (err) {
      if (err instanceof TypeError) return false;
      throw err;
    }
  };
  let runStart = -1;
  for (let block = 0; block < bytes.length; block += BLOCK) {
    const ascii = isAscii(bytes, block, Math.min(bytes.length, block + BLOCK));
    if (!ascii && runStart < 0) runStart = block;
    if (ascii && runStart >= 0) {
      if (!valid(runStart, block)) return false;
      runStart = -1;
    }
  }
  return runStart < 0 || valid(runStart, bytes.length);
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  let p = start;
  let high = 0;
  // Four bytes at a time where the buffer is aligned for a 32-bit view.
  const aligned = (4 - ((bytes.byteOffset + p) & 3)) & 3;
  for (const stop = Math.min(end, p + aligned); p < stop; p++) high |= bytes[p];
  const words = (end - p) >> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + p, words);
    for (let i = 0; i < words; i++) high |= view[i];
    p += words << 2;
  }
  for (; p < end; p++) high |= bytes[p];
  return (high & 0x80808080) === 0;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', fileName: string): string {
  try {
    // The BOM is dropped by the decoder.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof TypeError) {
      throw new AppError(
        'bad-input',
        `${fileName}: the file starts as UTF-16 text but is not valid UTF-16; save it as CSV UTF-8 and import it again.`,
        { file: fileName },
      );
    }
    throw tooLarge(err, bytes, fileName);
  }
}

/** Control bytes that never occur in a text data file (tab, LF, VT, FF, CR and ESC excluded). */
function isControlByte(b: number): boolean {
  return b < 0x20 ? !(b === 9 || b === 10 || b === 11 || b === 12 || b === 13 || b === 27) : b === 0x7f;
}

const SAMPLE_BYTES = 64 * 1024;
const CONTROL_SHARE_OF_BINARY = 0.05;

/**
 * The offset of the first control byte when the file is binary: any NUL byte (text
 * files never hold one, binary formats nearly always do), or control bytes making up
 * more than 5% of the first 64 KiB. A stray control character in a text file is kept.
 */
export function findBinaryByte(bytes: Uint8Array): number {
  const hasNul = bytes.indexOf(0) >= 0;
  const sampleEnd = Math.min(bytes.length, SAMPLE_BYTES);
  let controls = 0;
  let first = -1;
  for (let i = 0; i < sampleEnd; i++) {
    if (isControlByte(bytes[i])) {
      if (first < 0) first = i;
      controls++;
    }
  }
  if (!hasNul && controls <= CONTROL_SHARE_OF_BINARY * sampleEnd) return -1;
  if (first >= 0) return first;
  for (let i = sampleEnd; i < bytes.length; i++) if (isControlByte(bytes[i])) return i;
  return -1;
}

/** The offset of the lead byte of the first ill-formed UTF-8 sequence (Unicode table 3-7), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Allowed range of the second byte, which rules out overlongs, surrogates and > U+10FFFF.
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
    else if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
    if (i + need >= n) return i; // truncated at the end of the file
    const b1 = bytes[i + 1];
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = bytes[i + k];
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

interface Position {
  line: number;
  /** 1-based, in characters from the start of the line (bytes when the line is not text). */
  column: number;
  /** 1-based offset of the byte in the file. */
  byte: number;
}

function positionOf(bytes: Uint8Array, offset: number, countCharacters: boolean): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    // Continuation bytes (10xxxxxx) do not start a character.
    if (!countCharacters || (bytes[i] & 0xc0) !== 0x80) column++;
  }
  return { line, column, byte: offset + 1 };
}

function hex(b: number): string {
  return '0x' + b.toString(16).toUpperCase().padStart(2, '0');
}

function binaryFileError(bytes: Uint8Array, offset: number, fileName: string): AppError {
  const pos = positionOf(bytes, offset, false);
  const looksLike = recognisedFormat(bytes);
  const what = looksLike ? `it contains binary data; it looks like ${looksLike}` : 'it contains binary data';
  const advice = looksLike?.includes('Excel')
    ? 'if it is an Excel workbook, give the file a .xlsx name and import it again.'
    : 'save the data as CSV (comma-separated values, UTF-8) and import that file.';
  return new AppError(
    'bad-input',
    `${fileName}: line ${pos.line}, byte ${pos.byte}: this is not a text file (${what}); ${advice}`,
    { file: fileName, line: pos.line, column: pos.column, byte: pos.byte },
  );
}

function recognisedFormat(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive such as an Excel .xlsx workbook';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an Excel .xls workbook or another Office document';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file (R .rds/.RData files are stored this way)';
  return null;
}

function invalidUtf8Error(bytes: Uint8Array, offset: number, fileName: string): AppError {
  const pos = positionOf(bytes, offset, true);
  const b = bytes[offset];
  // Bytes 0xA0–0xFF are the same characters in Latin-1 and Windows-1252, the usual culprits.
  const asLatin1 = b >= 0xa0 ? `, which is '${String.fromCharCode(b)}' in Latin-1/Windows-1252` : '';
  return new AppError(
    'bad-input',
    `${fileName}: line ${pos.line}, column ${pos.column} (byte ${pos.byte}): this is not valid UTF-8 text ` +
      `(byte ${hex(b)}${asLatin1}). The file is probably in another encoding; save it as UTF-8 ` +
      `(in Excel: "CSV UTF-8") and import it again.`,
    { file: fileName, line: pos.line, column: pos.column, byte: pos.byte },
  );
}

function tooLarge(err: unknown, bytes: Uint8Array, fileName: string): unknown {
  if (!(err instanceof RangeError)) return err;
  const mb = Math.round(bytes.length / (1024 * 1024));
  return new AppError('unsupported', `${fileName} (${mb} MB) is too large to read as UTF-16 text; save it as CSV UTF-8.`, {
    file: fileName,
  });
}
