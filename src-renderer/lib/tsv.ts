/**
 * Every table can be copied as tab-separated text, which pastes into
 * spreadsheets and R's read.delim alike.
 */
export type TableData = { header: string[]; rows: (string | number | null)[][] };

export function toTsv(table: TableData): string {
  const line = (cells: (string | number | null)[]) =>
    cells.map((c) => (c === null ? 'NA' : String(c).replace(/[\t\r\n]+/g, ' '))).join('\t');
  return [line(table.header), ...table.rows.map(line)].join('\n') + '\n';
}
