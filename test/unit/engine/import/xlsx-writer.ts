import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A tiny XLSX writer for the reader's tests: a workbook is a ZIP archive of XML parts
 * (ECMA-376 Part 1), written here by hand so the tests can state exactly what the
 * cells hold (shared or inline strings, formulas with cached values, error cells,
 * date styles) and can break the archive on purpose. Real-writer files made by R's
 * openxlsx live in test/fixtures/xlsx/.
 */

/** A date cell: a serial number styled with a date format, as Excel stores dates. */
export interface DateCell {
  date: string;
}
/** A formula with the value Excel cached when it last calculated it; `cached` undefined = never calculated. */
export interface FormulaCell {
  formula: string;
  cached?: number | string | boolean;
}
export interface ErrorCell {
  error: string;
}
export interface InlineCell {
  inline: string;
}
export type Cell = null | number | string | boolean | DateCell | FormulaCell | ErrorCell | InlineCell;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** 1-based column of each row's first cell (to leave empty columns on the left). */
  firstColumn?: number;
  /** 1-based sheet row of the first row (to leave empty rows above). */
  firstRow?: number;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style 1 is a date (built-in format 14, m/d/yyyy), style 2 a date and time (22, m/d/yy h:mm). */
const DATE_STYLE = 1;
const DATETIME_STYLE = 2;

export function xlsxWorkbook(sheets: SheetSpec[], options: { date1904?: boolean } = {}): Uint8Array {
  return zip(xlsxParts(sheets, options));
}

/** The XML parts of the workbook by path, to be zipped as they are or with a part replaced. */
export function xlsxParts(sheets: SheetSpec[], options: { date1904?: boolean } = {}): Record<string, string> {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const share = (s: string): number => {
    let i = sharedIndex.get(s);
    if (i === undefined) {
      i = shared.length;
      shared.push(s);
      sharedIndex.set(s, i);
    }
    return i;
  };
  const parts: Record<string, string> = {};
  sheets.forEach((sheet, k) => (parts[`xl/worksheets/sheet${k + 1}.xml`] = sheetXml(sheet, share, options.date1904 ?? false)));
  parts['[Content_Types].xml'] = contentTypes(sheets.length);
  parts['_rels/.rels'] =
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" ` +
    `Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    (options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
    `<sheets>${sheets.map((s, k) => `<sheet name="${escape(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] =
    `${XML}<Relationships xmlns="${PKG_REL}">` +
    sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('') +
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdStrings" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  parts['xl/styles.xml'] =
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
  parts['xl/sharedStrings.xml'] =
    `${XML}<sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('') +
    '</sst>';
  return parts;
}

function contentTypes(sheetCount: number): string {
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/>`;
  for (let k = 1; k <= sheetCount; k++) overrides += `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="${type}.worksheet+xml"/>`;
  overrides += `<Override PartName="/xl/styles.xml" ContentType="${type}.styles+xml"/>`;
  overrides += `<Override PartName="/xl/sharedStrings.xml" ContentType="${type}.sharedStrings+xml"/>`;
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`
  );
}

function sheetXml(sheet: SheetSpec, share: (s: string) => number, date1904: boolean): string {
  const firstRow = sheet.firstRow ?? 1;
  const firstColumn = sheet.firstColumn ?? 1;
  const rows = sheet.rows.map((cells, i) => {
    const r = firstRow + i;
    const xml = cells.map((cell, j) => cellXml(`${columnLetters(firstColumn + j)}${r}`, cell, share, date1904)).join('');
    return xml.length > 0 ? `<row r="${r}">${xml}</row>` : '';
  });
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

function cellXml(ref: string, cell: Cell, share: (s: string) => number, date1904: boolean): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${share(cell)}</v></c>`;
  if ('date' in cell) {
    const style = cell.date.includes(' ') ? DATETIME_STYLE : DATE_STYLE;
    return `<c r="${ref}" s="${style}"><v>${excelSerial(cell.date, date1904)}</v></c>`;
  }
  if ('inline' in cell) return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell.inline)}</t></is></c>`;
  if ('error' in cell) return `<c r="${ref}" t="e"><f>1/0</f><v>${escape(cell.error)}</v></c>`;
  const f = `<f>${escape(cell.formula)}</f>`;
  const cached = cell.cached;
  if (cached === undefined) return `<c r="${ref}">${f}</c>`;
  if (typeof cached === 'number') return `<c r="${ref}">${f}<v>${cached}</v></c>`;
  if (typeof cached === 'boolean') return `<c r="${ref}" t="b">${f}<v>${cached ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="str">${f}<v>${escape(cached)}</v></c>`;
}

/** Days since Excel's epoch (1899-12-30 for the 1900 system, 1904-01-01 for the 1904 one), with the time as a fraction. */
export function excelSerial(isoDate: string, date1904 = false): number {
  const ms = Date.parse(isoDate.replace(' ', 'T') + (isoDate.length <= 10 ? 'T00:00:00Z' : 'Z'));
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (ms - epoch) / 86_400_000;
}

export function columnLetters(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function escape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A ZIP archive (PKWARE APPNOTE 4.3: local headers, central directory, end record) of deflated parts. */
export function zip(parts: Record<string, string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const packed = deflateRawSync(data);
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    local.setUint16(8, 8, true); // method: deflate
    local.setUint32(14, crc, true);
    local.setUint32(18, packed.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, 8, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, packed.length, true);
    central.setUint32(24, data.length, true);
    central.setUint16(28, nameBytes.length, true);
    central.setUint32(42, offset, true);
    locals.push(new Uint8Array(local.buffer), nameBytes, packed);
    centrals.push(new Uint8Array(central.buffer), nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  const count = Object.keys(parts).length;
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, count, true);
  end.setUint16(10, count, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...locals, ...centrals, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, b) => n + b.length, 0));
  let p = 0;
  for (const b of all) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
