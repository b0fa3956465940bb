import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummaryLmer, lmerConvergenceMessages, summaryLmerMessages, type LmerSummaryInput } from '../../../../src-main/engine/print/summary-lmer';

/**
 * lme4's own print(summary(fit)) texts and full-precision printer inputs come from
 * test/fixtures/tools/make-lmer-print-fixtures.R; the reference fits are those of
 * test/fixtures/lme4/<id>.json.
 */
const lmerDir = new URL('../../../fixtures/print/lmer/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, lmerDir), 'utf8');
const expected = (id: string) => read(`${id}.txt`);
const printerInput = (id: string) => JSON.parse(read(`${id}.input.json`)) as LmerSummaryInput;

/** jsonlite writes length-one vectors as scalars; the printer takes arrays. */
const vec = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

interface ReferenceFit {
  data: string;
  formula: string;
  REML: boolean;
  fit: {
    fixef: { names: string | string[]; estimate: number | number[]; se: number | number[]; statistic: number | number[] };
    corr_fixef: number[][] | number;
    varcorr: { group: string; names: string | string[]; sd: number | number[]; corr: number[][] | null }[];
    sigma: number;
    logLik: number;
    df: number;
    AIC: number;
    BIC: number;
    REMLcrit: number | null;
    deviance_ml: number | null;
    nobs: number;
    ngroups: Record<string, number>;
    isSingular: boolean;
    scaled_resid_quantiles: number[];
  };
}

const DATA_NAMES: Record<string, string> = { exam: 'Exam', jsp: 'JSP', sleepstudy: 'sleepstudy' };

/**
 * The fitted-lmer result of a reference case as the printer takes it. The reference
 * files do not record how the optimizer ended, so that part comes from the R script's input.
 */
function fromReference(id: string): LmerSummaryInput {
  const ref = JSON.parse(readFileSync(new URL(`../../../fixtures/lme4/${id}.json`, import.meta.url), 'utf8')) as ReferenceFit;
  const f = ref.fit;
  const optim = printerInput(id);
  return {
    reml: ref.REML,
    formula: ref.formula,
    data: DATA_NAMES[ref.data],
    fixef: { names: vec(f.fixef.names), estimate: vec(f.fixef.estimate), se: vec(f.fixef.se), statistic: vec(f.fixef.statistic) },
    corr_fixef: typeof f.corr_fixef === 'number' ? [[f.corr_fixef]] : f.corr_fixef,
    varcorr: f.varcorr.map((v) => ({ group: v.group, names: vec(v.names), sd: vec(v.sd), corr: v.corr })),
    sigma: f.sigma,
    logLik: f.logLik,
    df: f.df,
    AIC: f.AIC,
    BIC: f.BIC,
    REMLcrit: f.REMLcrit,
    deviance_ml: f.deviance_ml,
    nobs: f.nobs,
    ngroups: f.ngroups,
    isSingular: f.isSingular,
    scaled_resid_quantiles: f.scaled_resid_quantiles,
    optimizer: optim.optimizer,
    convergence_code: optim.convergence_code,
    lme4_messages: optim.lme4_messages,
    optimizer_warnings: optim.optimizer_warnings,
  };
}

const referenceCases = [
  'exam_m2_ri',
  'exam_m3_rs',
  'exam_m3_rs_ml',
  'exam_m4_singular',
  'exam_ri_sex',
  'exam_ri_intake',
  'sleep_rs',
  'sleep_uncorr',
  'jsp_ri_gender',
  'jsp_ri',
  'jsp_ri_social',
  'jsp_ris',
];
const printerOnlyCases = ['sleep_three_terms', 'exam_many_fixed', 'exam_ml_names'];

describe('formatSummaryLmer: lme4 1.1-31 print(summary(fit)) character for character', () => {
  it.each(referenceCases)('%s, from the reference fit of test/fixtures/lme4', (id) => {
    expect(formatSummaryLmer(fromReference(id))).toBe(expected(id));
  });

  it.each([...referenceCases, ...printerOnlyCases])('%s, from R’s full-precision inputs', (id) => {
    expect(formatSummaryLmer(printerInput(id))).toBe(expected(id));
  });
});

describe('formatSummaryLmer: the parts lme4 varies', () => {
  it('titles an ML fit "maximum likelihood" with two spaces and shows the AIC table with df.resid = nobs − df', () => {
    const text = formatSummaryLmer(printerInput('exam_m3_rs_ml'));
    expect(text.split('\n').slice(0, 7)).toEqual([
      "Linear mixed model fit by maximum likelihood  ['lmerMod']",
      'Formula: normexam ~ standLRT + (standLRT | school)',
      '   Data: Exam',
      '',
      '     AIC      BIC   logLik deviance df.resid ',
      '  9328.9   9366.7  -4658.4   9316.9     4053 ',
      '',
    ]);
  });

  it('shows (Days || Subject) expanded, as lme4 rewrites the call, and labels the second term Subject.1', () => {
    const text = formatSummaryLmer(printerInput('sleep_uncorr'));
    expect(text).toContain('Formula: Reaction ~ Days + ((1 | Subject) + (0 + Days | Subject))\n');
    expect(text).toContain(' Subject.1 Days         35.86    5.988  \n');
  });

  it('wraps a long formula where deparse breaks it, keeping cat’s trailing spaces', () => {
    const text = formatSummaryLmer(printerInput('sleep_three_terms'));
    expect(text).toContain('Formula: Reaction ~ Days + (1 | Subject) + (0 + Days | Subject) + (0 +  \n    I(Days^2) | Subject)\n');
  });

  it('prints the convergence line only when lme4 has a message, followed by a blank line', () => {
    expect(formatSummaryLmer(printerInput('exam_m2_ri'))).not.toContain('optimizer');
    expect(formatSummaryLmer(printerInput('jsp_ris')).endsWith(
      'optimizer (nloptwrap) convergence code: 0 (OK)\nModel failed to converge with max|grad| = 0.017724 (tol = 0.002, component 1)\n\n',
    )).toBe(true);
    const singular = { ...printerInput('exam_m4_singular'), lme4_messages: [] };
    expect(lmerConvergenceMessages(singular)).toEqual(["boundary (singular) fit: see help('isSingular')"]);
    expect(formatSummaryLmer(singular).endsWith("convergence code: 0 (OK)\nboundary (singular) fit: see help('isSingular')\n\n")).toBe(true);
  });

  it('shows a nonzero optimizer code with its message, and the model-matrix messages', () => {
    const input = { ...printerInput('exam_m2_ri'), convergence_code: 5, convergence_message: 'NLOPT_MAXEVAL_REACHED: Optimization stopped because maxeval (above) was reached.', fit_messages: ['fixed-effect model matrix is rank deficient so dropping 1 column / coefficient'] };
    expect(formatSummaryLmer(input).endsWith(
      'fit warnings:\nfixed-effect model matrix is rank deficient so dropping 1 column / coefficient\n' +
        'optimizer (nloptwrap) convergence code: 5 (NLOPT_MAXEVAL_REACHED: Optimization stopped because maxeval (above) was reached.)\n\n',
    )).toBe(true);
  });

  it('leaves out the correlations of more than 12 fixed effects and says so on stderr', () => {
    const input = printerInput('exam_many_fixed');
    expect(formatSummaryLmer(input)).not.toContain('Correlation of Fixed Effects');
    const stderr = read('exam_many_fixed.stderr.txt');
    expect(summaryLmerMessages(input, {}, 'summary(fit)').join('')).toBe(stderr);
    expect(summaryLmerMessages(printerInput('exam_m2_ri'))).toEqual([]);
    expect(summaryLmerMessages(input, { correlation: true })).toEqual([]);
  });

  it('prints all 16 × 16 correlations on request, in blocks that fit 80 columns (print(summary(fit), correlation = TRUE))', () => {
    expect(formatSummaryLmer(printerInput('exam_many_fixed'), { correlation: true })).toBe(expected('exam_many_fixed_correlation'));
  });

  it('has a stderr file only where R wrote one', () => {
    expect(existsSync(new URL('exam_m2_ri.stderr.txt', lmerDir))).toBe(false);
  });
});
