import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '@shared/expr/parse';
import { deparseCall, deparseLines, nameExpr } from '../../../../src-main/engine/print/deparse';

/** R 4.2.2's deparse() of each source: test/fixtures/tools/make-print-fixtures.R. */
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/print/deparse-cases.json', import.meta.url), 'utf8')) as {
  source: string;
  lines: string[];
}[];

describe("deparse line breaking as R's deparse(width.cutoff = 60)", () => {
  for (const c of cases) {
    it(`${c.source.slice(0, 70)}${c.source.length > 70 ? '…' : ''}`, () => {
      expect(deparseLines(parseExpression(c.source, 'call'))).toEqual(c.lines);
    });
  }

  it('builds the Call: text of a weighted lm, broken after "Days + " as R prints it', () => {
    const call = deparseCall('lm', [
      { name: 'formula', value: parseExpression('Reaction ~ Days') },
      { name: 'data', value: nameExpr('sleep') },
      { name: 'weights', value: parseExpression('Days + 1') },
    ]);
    expect(call).toBe('lm(formula = Reaction ~ Days, data = sleep, weights = Days + \n    1)');
  });

  it('writes numbers as R does (1e6 as 1e+06, 1e5 as 1e+05, integers with L)', () => {
    expect(deparseLines(parseExpression('I(x * 1e6) + I(100000) + I(3L) + I(0.1)'))).toEqual(['I(x * 1e+06) + I(1e+05) + I(3L) + I(0.1)']);
  });
});
