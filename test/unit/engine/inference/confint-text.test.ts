import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfintMatrix, percentLabels } from '../../../../src-main/engine/inference/confint-text';
import { formatWaldConfint } from '../../../../src-main/engine/inference/wald-text';

const root = resolve(import.meta.dirname, '..', '..', '..', '..');
const sleep = JSON.parse(readFileSync(join(root, 'test/fixtures/lme4/sleep_rs.json'), 'utf8')).fit;

describe('confint() as R prints it', () => {
  it('Wald intervals of sleepstudy (Days | Subject), oldNames = FALSE: NA rows for the variance parameters', () => {
    // R 4.2.2: print(confint(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), method = "Wald", oldNames = FALSE))
    const expected = [
      '                                  2.5 %    97.5 %',
      'sd_(Intercept)|Subject               NA        NA',
      'cor_Days.(Intercept)|Subject         NA        NA',
      'sd_Days|Subject                      NA        NA',
      'sigma                                NA        NA',
      '(Intercept)                  238.029141 264.78107',
      'Days                           7.437594  13.49698',
      '',
    ].join('\n');
    expect(formatWaldConfint({ fixef: sleep.fixef, confint_wald: sleep.confint_wald, varcorr: sleep.varcorr, hasSigma: true })).toBe(expected);
  });

  it('names the columns as R does for other levels', () => {
    expect(percentLabels(0.9)).toEqual(['5 %', '95 %']);
    expect(percentLabels(0.99)).toEqual(['0.5 %', '99.5 %']);
    // R: print(matrix(c(1, 2), 1, dimnames = list("a", c("5 %", "95 %"))))
    expect(formatConfintMatrix(['a'], [[1, 2]], 0.9)).toBe('  5 % 95 %\na   1    2\n');
  });
});
