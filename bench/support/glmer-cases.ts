/** Where a glmer case's rows come from: a shipped sample file, the JSP note's data, or a seeded generator. */
export type GlmerData =
  | { sample: string }
  | { jspFail: true }
  | { binomial: { rows: number; groups: number } }
  | { crossed: { subjects: number; items: number } };

/** One generalized linear mixed model (binomial, logit, Laplace) fitted by Nestor and lme4 on the same CSV file. */
export interface GlmerBenchCase {
  id: string;
  label: string;
  formula: string;
  /** Columns made factors on both sides. */
  factors: string[];
  data: GlmerData;
  runs: number;
}

export const GLMER_CASES: readonly GlmerBenchCase[] = [
  {
    id: 'glmer-cbpp',
    label: 'cbpp: cbind(incidence, size - incidence) ~ period + (1 | herd), 56 rows × 15 herds',
    formula: 'cbind(incidence, size - incidence) ~ period + (1 | herd)',
    factors: ['herd', 'period'],
    data: { sample: 'cbpp.csv' },
    runs: 11,
  },
  {
    id: 'glmer-jsp',
    label: 'JSP: fail ~ raven + (1 | school), 1,154 rows × 49 schools',
    formula: 'fail ~ raven + (1 | school)',
    factors: ['school'],
    data: { jspFail: true },
    runs: 11,
  },
  {
    id: 'glmer-synthetic-100k',
    label: 'synthetic binomial: y ~ x + (1 | g), 100,000 rows × 1,000 groups',
    formula: 'y ~ x + (1 | g)',
    factors: ['g'],
    data: { binomial: { rows: 100_000, groups: 1_000 } },
    runs: 3,
  },
  {
    id: 'glmer-crossed',
    label: 'crossed binomial (VerbAgg-like): y ~ x + (1 | subject) + (1 | item), 7,584 rows, 316 subjects × 24 items',
    formula: 'y ~ x + (1 | subject) + (1 | item)',
    factors: ['subject', 'item'],
    data: { crossed: { subjects: 316, items: 24 } },
    runs: 3,
  },
];
