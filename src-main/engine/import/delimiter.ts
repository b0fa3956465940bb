import type { Delimiter } from './tokenize';

/**
 * Chooses the delimiter for 'auto' from the file name and the header line:
 * .tsv/.tab are tab-separated; .csv is comma-separated unless the header has
 * semicolons and no commas (European CSV, R's read.csv2) or only tabs; any other
 * name (.txt, .dat, …) is read like read.table's default, runs of blanks, unless
 * the header holds tabs, commas or semicolons.
 */
export function chooseDelimiter(fileName: string, bytes: Uint8Array): Delimiter {
  const ext = extension(fileName);
  if (ext === 'tsv' || ext === 'tab') return '\t';
  const counts = headerCounts(bytes);
  if (ext === 'csv') {
    if (counts.commas === 0 && counts.semicolons > 0) return ';';
    if (counts.commas === 0 && counts.tabs > 0) return '\t';
    return ',';
  }
  if (counts.tabs > 0) return '\t';
  if (counts.commas > 0) return ',';
  if (counts.semicolons > 0) return ';';
  return 'whitespace';
}

export function extension(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Delimiter characters outside quotes on the first non-blank line. */
function headerCounts(bytes: Uint8Array): { commas: number; semicolons: number; tabs: number } {
  const counts = { commas: 0, semicolons: 0, tabs: 0 };
  let p = 0;
  const n = bytes.length;
  // Skip blank lines (only blanks) before the header.
  for (;;) {
    let q = p;
    while (q < n && (bytes[q] === 32 || bytes[q] === 9)) q++;
    const c = q < n ? bytes[q] : -1;
    if (c === 10 || c === 13) p = q + 1;
    else break;
  }
  let quoted = false;
  for (; p < n; p++) {
    const c = bytes[p];
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) break;
    else if (c === 44) counts.commas++;
    else if (c === 59) counts.semicolons++;
    else if (c === 9) counts.tabs++;
  }
  return counts;
}
