import { readdirSync, readFileSync } from 'node:fs';
import { fitLmmModel } from '../../../../src-main/engine/lmm/fit-lmer';
import type { LmmModel } from '../../../../src-main/engine/lmm/model';
import { caseModel, type LmerCase } from '../lmm/helpers';

/** A case of test/fixtures/inference/satterthwaite (tools/make-inference-fixtures.R). */
export interface InferenceCase {
  id: string;
  data: string;
  levels: Record<string, string[]>;
  factors: string[];
  formula: string;
  REML: boolean;
  seconds: number;
  fit: { theta: number[]; sigma: number; beta: number[] };
  coef: { names: string[]; estimate: number[]; se: number[]; df: number[]; t: number[]; p: number[] };
  anova: {
    /** NA (a term lmerTest could not test) is the string "NA", as jsonlite writes it. */
    term: string[];
    sumSq: (number | 'NA')[];
    meanSq: (number | 'NA')[];
    numDf: (number | 'NA')[];
    denDf: (number | 'NA')[];
    F: (number | 'NA')[];
    p: (number | 'NA')[];
    hypotheses: { term: string; rows: string[]; colNames: string[]; L: number[][] }[];
  };
  vcov_varpar: number[][];
  jac: number[][][];
  warnings: string[];
  /** Messages of anova() (absent in files written before the field was added). */
  anova_messages?: string[];
  text_fixef: string;
  text_anova: string;
  /** lmerTest on the same model refitted to the optimum (the fixture script's `tight`). */
  tight: { theta: number[]; df: number[]; p: number[]; denDf: number[]; anova_p: number[] };
}

const dir = new URL('../../../fixtures/inference/satterthwaite/', import.meta.url);

export function inferenceCaseIds(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function inferenceCase(id: string): InferenceCase {
  return JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8'));
}

export function inferenceModel(c: InferenceCase): Promise<LmmModel> {
  return caseModel({ ...c, kind: 'lmer' } as unknown as LmerCase);
}

/** The model and our own fit's θ (fitted as lmer fits it, REML or ML as the case says). */
export async function fittedModel(c: { REML: boolean } & Parameters<typeof caseModel>[0]): Promise<{ model: LmmModel; theta: Float64Array }> {
  const model = await caseModel(c);
  const fit = await fitLmmModel(model, { reml: c.REML });
  return { model, theta: Float64Array.from(fit.theta) };
}

/** Relative error, absolute below `abs` in magnitude of the expected value. */
export function rel(actual: number, expected: number, abs = 1e-300): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), abs);
}

export interface RefAnovaRow {
  term: string;
  sumSq: number;
  meanSq: number;
  numDf: number;
  denDf: number;
  F: number;
  p: number;
}

/** The reference anova's rows that have numbers, and the terms it shows as NA. */
export function refAnova(c: InferenceCase): { rows: RefAnovaRow[]; untestable: string[] } {
  const list = <T>(x: T[] | T): T[] => (Array.isArray(x) ? x : [x]);
  const a = c.anova;
  const terms = list(a.term as string[] | string);
  const at = (key: Exclude<keyof RefAnovaRow, 'term'>, k: number) => list(a[key])[k];
  const rows: RefAnovaRow[] = [];
  const untestable: string[] = [];
  terms.forEach((term, k) => {
    if (at('F', k) === 'NA') untestable.push(term);
    else {
      const n = (key: Exclude<keyof RefAnovaRow, 'term'>) => at(key, k) as number;
      rows.push({ term, sumSq: n('sumSq'), meanSq: n('meanSq'), numDf: n('numDf'), denDf: n('denDf'), F: n('F'), p: n('p') });
    }
  });
  return { rows, untestable };
}
