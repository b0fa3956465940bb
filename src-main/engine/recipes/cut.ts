import { MISSING_CODE } from '../data/column';
import { formatCVector, formatG } from './format';

/**
 * R's cut.default: a number of intervals becomes equal-width breaks over the
 * range widened by 0.1% of it at each end; labels are "(a,b]" with the breaks
 * written by formatC(0 + breaks, digits = dig) for the smallest dig ≥ dig.lab
 * (up to 12) that keeps neighbouring labels distinct; .bincode assigns intervals.
 */
export interface CutOptions {
  /** null: R's "(a,b]" labels; false: interval numbers; else one label per interval. */
  labels: string[] | null | false;
  includeLowest: boolean;
  right: boolean;
  digLab: number;
}

export type CutResult =
  | { ok: true; codes: Int32Array; levels: string[] | null }
  | { ok: false; reason: string; at: 'x' | 'breaks' | 'labels' };

/** seq.int(from, to, length.out = n) for n ≥ 2, as R's C code builds it. */
function sequence(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  out[0] = from;
  out[n - 1] = to;
  const by = (to - from) / (n - 1);
  for (let i = 1; i < n - 1; i++) out[i] = from + i * by;
  return out;
}

function breaksFor(x: Float64Array, count: number): Float64Array | string {
  if (count !== count || count < 2) return `breaks = ${count} asks for fewer than 2 intervals (R: "invalid number of intervals")`;
  const nb = Math.trunc(count + 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return 'x has no values that are not missing, so it has no range to divide';
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 'x has infinite values, so its range cannot be divided into intervals';
  let dx = hi - lo;
  if (dx === 0) {
    dx = lo !== 0 ? Math.abs(lo) : 1;
    return sequence(lo - dx / 1000, hi + dx / 1000, nb);
  }
  const breaks = sequence(lo, hi, nb);
  breaks[0] = lo - dx / 1000;
  breaks[nb - 1] = hi + dx / 1000;
  return breaks;
}

function defaultLabels(breaks: Float64Array, options: CutOptions): string[] {
  const nb = breaks.length;
  let written: string[] = [];
  let ok = false;
  for (let dig = options.digLab; dig <= Math.max(12, options.digLab); dig++) {
    // 0 + b turns -0 into 0, as R does to avoid the label "-0".
    written = formatCVector(breaks.map((b) => 0 + b), dig);
    ok = written.every((w, i) => i === 0 || w !== written[i - 1]);
    if (ok) break;
  }
  if (!ok) return Array.from({ length: nb - 1 }, (_, i) => `Range_${i + 1}`);
  const [open, close] = options.right ? ['(', ']'] : ['[', ')'];
  const labels = Array.from({ length: nb - 1 }, (_, i) => `${open}${written[i]},${written[i + 1]}${close}`);
  if (options.includeLowest) {
    if (options.right) labels[0] = '[' + labels[0].slice(1);
    else labels[nb - 2] = labels[nb - 2].slice(0, -1) + ']';
  }
  return labels;
}

/** R's .bincode(): 0-based interval of each x, -1 outside the breaks or NA. */
function bincode(x: Float64Array, breaks: Float64Array, right: boolean, includeLowest: boolean): Int32Array {
  const codes = new Int32Array(x.length);
  const top = breaks.length - 1;
  const left = !right;
  const border = breaks[left ? top : 0];
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    codes[i] = MISSING_CODE;
    if (v !== v || v < breaks[0] || breaks[top] < v || (v === border && !includeLowest)) continue;
    let lo = 0;
    let hi = top;
    while (hi - lo >= 2) {
      const mid = (hi + lo) >> 1;
      if (v > breaks[mid] || (left && v === breaks[mid])) lo = mid;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return codes;
}

export function cut(x: Float64Array, breaksArg: Float64Array, options: CutOptions): CutResult {
  let breaks: Float64Array;
  if (breaksArg.length === 1) {
    const made = breaksFor(x, breaksArg[0]);
    if (typeof made === 'string') return { ok: false, reason: made, at: made.startsWith('x ') ? 'x' : 'breaks' };
    breaks = made;
  } else {
    breaks = breaksArg.filter((b) => b === b).sort();
  }
  if (breaks.length < 2) return { ok: false, reason: 'cut() needs at least two breaks', at: 'breaks' };
  for (let i = 1; i < breaks.length; i++) {
    if (breaks[i] === breaks[i - 1]) return { ok: false, reason: `the breaks of cut() are not unique (${formatG(breaks[i], 15)} is repeated)`, at: 'breaks' };
  }
  const codes = bincode(x, breaks, options.right, options.includeLowest);
  if (options.labels === false) return { ok: true, codes, levels: null };
  const labels = options.labels ?? defaultLabels(breaks, options);
  if (labels.length !== breaks.length - 1) {
    return { ok: false, reason: `cut() makes ${breaks.length - 1} interval${breaks.length === 2 ? '' : 's'} but ${labels.length} label${labels.length === 1 ? ' is' : 's are'} given`, at: 'labels' };
  }
  return mergeLabels(codes, labels);
}

/** Equal labels name one level, as factor(code, seq_along(labels), labels) makes them in R. */
function mergeLabels(codes: Int32Array, labels: readonly string[]): CutResult {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const target = Int32Array.from(labels, (l) => {
    let k = index.get(l);
    if (k === undefined) {
      k = levels.length;
      index.set(l, k);
      levels.push(l);
    }
    return k;
  });
  if (levels.length !== labels.length) {
    for (let i = 0; i < codes.length; i++) if (codes[i] !== MISSING_CODE) codes[i] = target[codes[i]];
  }
  return { ok: true, codes, levels };
}
