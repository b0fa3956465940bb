/** One line of the bench table: a time in seconds, or the reason there is none. */
export interface BenchRow {
  case: string;
  nestor: number | string;
  r: number | string;
}

function seconds(v: number | string): string {
  return typeof v === 'number' ? `${v.toFixed(3)} s` : v;
}

function ratio(row: BenchRow): string {
  return typeof row.nestor === 'number' && typeof row.r === 'number' && row.r > 0 ? (row.nestor / row.r).toFixed(2) : '—';
}

/** A plain-text table (Markdown pipe syntax, so it pastes into an issue as it is). */
export function formatTable(rows: readonly BenchRow[], runs: number): string {
  const header = ['case', `Nestor (median of ${runs})`, `R (median of ${runs})`, 'Nestor/R'];
  const cells = rows.map((row) => [row.case, seconds(row.nestor), seconds(row.r), ratio(row)]);
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  // The case name is text (left-aligned); times and ratios are numbers (right-aligned).
  const line = (c: string[]) => '| ' + c.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, j) => (j === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(header), rule, ...cells.map(line)].join('\n');
}
