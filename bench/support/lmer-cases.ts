import { SYNTHETIC_FORMULA } from './lmer-datasets';

/** Where a case's rows come from: a file under resources/sample-data, or the seeded generator. */
export type LmerData = { sample: string } | { rows: number; groups: number };

/** One mixed model fitted by both Nestor and lme4 on the same CSV file. */
export interface LmerBenchCase {
  id: string;
  /** What the table's first column says. */
  label: string;
  formula: string;
  /** Columns read as factors on both sides (R: factor(); Nestor: the import's `factors`). */
  factors: string[];
  data: LmerData;
  /** Timed runs on each side: the median of a few for quick fits, one for slow ones. */
  runs: number;
  /** Issue 5's goal for Nestor's time / lme4's time. */
  goal: number;
  /** The case whose peak memory is reported (issue 5: < 1 GB at 1,000,000 rows). */
  memoryGoalBytes?: number;
}

/** Issue 5, item 8. The sample files are the ones the app ships; see resources/sample-data. */
export const LMER_CASES: readonly LmerBenchCase[] = [
  {
    id: 'exam',
    label: 'exam m3: normexam ~ standLRT + (standLRT | school), 4,059 rows × 65 schools',
    formula: 'normexam ~ standLRT + (standLRT | school)',
    factors: ['school'],
    data: { sample: 'exam.csv' },
    runs: 11,
    goal: 0.5,
  },
  {
    id: 'sleepstudy',
    label: 'sleepstudy: Reaction ~ Days + (Days | Subject), 180 rows × 18 subjects',
    formula: 'Reaction ~ Days + (Days | Subject)',
    factors: ['Subject'],
    data: { sample: 'sleepstudy.csv' },
    runs: 11,
    goal: 0.5,
  },
  {
    id: 'insteval',
    label: 'InstEval: y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept), 73,421 rows, crossed 2,972 × 1,128 × 14',
    formula: 'y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)',
    factors: ['s', 'd', 'dept', 'service'],
    data: { sample: 'insteval.csv' },
    // Timed as the other multi-run cases (warm median, the cold first fit beside it): the
    // app's engine process is long-lived, so only a session's first InstEval fit runs cold.
    runs: 3,
    goal: 0.2,
  },
  {
    id: 'synthetic-100k',
    label: `synthetic: ${SYNTHETIC_FORMULA}, 100,000 rows × 2,000 groups, f with 4 levels`,
    formula: SYNTHETIC_FORMULA,
    factors: ['f', 'g'],
    data: { rows: 100_000, groups: 2_000 },
    runs: 3,
    goal: 0.2,
  },
  {
    id: 'synthetic-1m',
    label: `synthetic: ${SYNTHETIC_FORMULA}, 1,000,000 rows × 10,000 groups, f with 4 levels`,
    formula: SYNTHETIC_FORMULA,
    factors: ['f', 'g'],
    data: { rows: 1_000_000, groups: 10_000 },
    runs: 1,
    goal: 0.2,
    memoryGoalBytes: 1e9,
  },
];
