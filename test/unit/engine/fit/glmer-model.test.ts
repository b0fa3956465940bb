import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentContext } from '../../../../src-main/engine/context';
import { runModelsCompare } from '../../../../src-main/engine/fit/compare-models';
import { fitModel } from '../../../../src-main/engine/fit/fit-model';
import { loadJsp } from '../model/data';

const printed = (name: string) => readFileSync(new URL(`../../../fixtures/print/glmer/${name}`, import.meta.url), 'utf8');
const fail = { kind: 'compute' as const, name: 'fail', expression: 'ifelse(math < -10, 1, 0)' };

/** The app's model.fit and models.compare jobs for glmer models (R: test/fixtures/tools/make-glmer-print-fixtures.R). */
describe('glmer models in the engine tasks', () => {
  it('model.fit: lme4’s printed summary and the reference numbers, stored as plain JSON', async () => {
    const jsp = await loadJsp();
    const value = await fitModel(
      { spec: { kind: 'glmer', formula: 'fail ~ raven + (1 | school)', reml: true, family: 'binomial' }, rows: jsp.rows, columns: jsp.columns, recipes: [fail], dataName: 'JSP' },
      silentContext,
    );
    expect(value.kind).toBe('glmer');
    expect(value.text).toBe(printed('jsp_glmer_fail.txt'));
    expect(value.messages).toEqual([]);
    const reference = JSON.parse(readFileSync(new URL('../../../fixtures/lme4/jsp_glmer_fail.json', import.meta.url), 'utf8')).fit;
    const fit = value.fit as { fixef: { se: number[] }; logLik: number; optimizer: { name: string } };
    fit.fixef.se.forEach((se, j) => expect(Math.abs(se / reference.fixef.se[j] - 1)).toBeLessThan(1e-4));
    expect(Math.abs(fit.logLik / reference.logLik - 1)).toBeLessThan(1e-10);
    expect(fit.optimizer.name).toBe('Nelder_Mead');
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  }, 60_000);

  it('models.compare: lme4’s anova of two nested glmer fits, without a refit message', async () => {
    const jsp = await loadJsp();
    const glmer = { family: 'binomial' as const };
    const value = await runModelsCompare(
      {
        kind: 'glmer',
        models: [
          { name: 'm1', formula: 'fail ~ raven + (1 | school)', reml: false, glmer },
          { name: 'm2', formula: 'fail ~ raven + gender + (1 | school)', reml: false, glmer },
        ],
        rows: jsp.rows,
        columns: jsp.columns,
        recipes: [fail],
        dataName: 'JSP',
      },
      silentContext,
    );
    expect(value.text).toBe(printed('anova-jsp.txt'));
    expect(value.messages).toEqual([]);
    const R = JSON.parse(printed('anova-jsp.json'));
    expect(Math.abs((value.table.rows[1][6] as number) / R.Chisq[1] - 1)).toBeLessThan(1e-6);
  }, 60_000);

  it('models.compare refuses glmer models of different families', async () => {
    const jsp = await loadJsp();
    const run = runModelsCompare(
      {
        kind: 'glmer',
        models: [
          { name: 'm1', formula: 'fail ~ raven + (1 | school)', reml: false, glmer: { family: 'binomial' } },
          { name: 'm2', formula: 'fail ~ raven + gender + (1 | school)', reml: false, glmer: { family: 'binomial', link: 'probit' } },
        ],
        rows: jsp.rows,
        columns: jsp.columns,
        recipes: [fail],
        dataName: 'JSP',
      },
      silentContext,
    );
    await expect(run).rejects.toThrow(/m2 \(binomial\(probit\), nAGQ = 1\) and m1 \(binomial\(logit\), nAGQ = 1\) differ/);
  });
});
