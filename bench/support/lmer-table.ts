/** A timed side of one case: seconds (median when runs > 1) and REML criterion, or why there are none. */
export type LmerSide =
  | { ok: true; seconds: number; runs: number; remlcrit: number }
  /** `cell` is what the table shows ("failed", "not run"); `reason` is printed under the table. */
  | { ok: false; cell: string; reason: string };

export interface LmerRow {
  id: string;
  case: string;
  goal: number;
  nestor: LmerSide;
  lme4: LmerSide;
}

/** Two criteria agree when they are equal to 6 significant digits' worth (relative difference ≤ 5e-7). */
const AGREE = 5e-7;

function time(side: LmerSide): string {
  if (!side.ok) return side.cell;
  return side.runs > 1 ? `${side.seconds.toFixed(3)} s (median of ${side.runs})` : `${side.seconds.toFixed(3)} s (1 run)`;
}

function ratio(row: LmerRow): string {
  if (!row.nestor.ok || !row.lme4.ok || row.lme4.seconds <= 0) return '—';
  const r = row.nestor.seconds / row.lme4.seconds;
  return `${r.toFixed(3)} ${r <= row.goal ? 'met' : 'NOT met'}`;
}

/**
 * Whether Nestor reached lme4's objective. Lower is allowed: a better optimum is the
 * one acceptable difference (test/fixtures/README.md), so it is named, not failed.
 */
function agreement(row: LmerRow): string {
  if (!row.nestor.ok || !row.lme4.ok) return '—';
  const a = row.nestor.remlcrit;
  const b = row.lme4.remlcrit;
  const rel = (a - b) / Math.abs(b);
  if (!Number.isFinite(rel)) return 'NO (not finite)';
  if (Math.abs(rel) <= AGREE) return `yes (${Math.abs(rel).toExponential(0)})`;
  return rel < 0 ? `Nestor lower by ${(b - a).toPrecision(3)}` : `NO: Nestor higher by ${(a - b).toPrecision(3)}`;
}

/** 6 significant digits as R's signif() prints them: 9327.60, 2912400 (not 2.91240e+6). */
function criterion(side: LmerSide): string {
  if (!side.ok) return '—';
  const x = side.remlcrit;
  return Math.abs(x) >= 1e6 ? String(Number(x.toPrecision(6))) : x.toPrecision(6);
}

/** A plain-text table (Markdown pipe syntax, so it pastes into an issue as it is). */
export function formatLmerTable(rows: readonly LmerRow[]): string {
  const header = ['case', 'Nestor', 'lme4 (system.time in R)', 'Nestor/lme4', 'goal', 'REMLcrit Nestor', 'REMLcrit lme4', 'agree'];
  const cells = rows.map((row) => [
    row.case,
    time(row.nestor),
    time(row.lme4),
    ratio(row),
    `≤ ${row.goal}`,
    criterion(row.nestor),
    criterion(row.lme4),
    agreement(row),
  ]);
  // A formula's bar would end a Markdown cell.
  for (const c of cells) c[0] = c[0].replaceAll('|', '\\|');
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  // The case name is text (left-aligned); everything else is a number (right-aligned).
  const line = (c: string[]) => '| ' + c.map((s, j) => (j === 0 ? s.padEnd(widths[j]) : s.padStart(widths[j]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, j) => (j === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  const lines = [line(header), rule, ...cells.map(line)];
  // Each reason once, with the cases it applies to.
  const reasons = new Map<string, string[]>();
  for (const row of rows) {
    for (const side of [row.nestor, row.lme4]) {
      if (!side.ok) reasons.set(side.reason, [...(reasons.get(side.reason) ?? []), row.id]);
    }
  }
  for (const [reason, ids] of reasons) lines.push(`${ids.join(', ')}: ${reason}`);
  return lines.join('\n');
}
