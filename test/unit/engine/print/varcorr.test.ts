import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printVarCorr, varCorrLabels, type VarCorrTerm } from '../../../../src-main/engine/print/varcorr';

/** lme4's print(VarCorr(fit)) and full-precision inputs: test/fixtures/tools/make-lmer-print-fixtures.R. */
const dir = new URL('../../../fixtures/print/lmer/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('varcorr-cases.json', dir), 'utf8')) as { id: string; sd: string[]; both: string[] }[];
const input = (id: string) => JSON.parse(readFileSync(new URL(`${id}.input.json`, dir), 'utf8')) as { varcorr: VarCorrTerm[]; sigma: number };
const text = (lines: string[]) => lines.map((l) => l + '\n').join('');

describe('printVarCorr: lme4’s random-effects table', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s: print(VarCorr(fit)) and with comp = c("Variance", "Std.Dev.")', (id, c) => {
    const { varcorr, sigma } = input(id);
    // print.VarCorr.merMod's digits: max(3, getOption("digits") - 2) = 5.
    expect(printVarCorr(varcorr, sigma, { digits: 5, comp: ['Std.Dev.'] })).toBe(text(c.sd));
    expect(printVarCorr(varcorr, sigma, { digits: 5 })).toBe(text(c.both));
  });

  it('labels repeated grouping factors with make.names, and leaves distinct ones alone', () => {
    expect(varCorrLabels(['Subject', 'Subject', 'Subject'])).toEqual(['Subject', 'Subject.1', 'Subject.2']);
    expect(varCorrLabels(['g2:g1', 'g1'])).toEqual(['g2:g1', 'g1']);
    expect(varCorrLabels(['g2:g1', 'g2:g1'])).toEqual(['g2.g1', 'g2.g1.1']);
  });
});
