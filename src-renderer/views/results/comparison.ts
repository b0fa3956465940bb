import type { ModelsCompareValue } from '@shared/models';
import type { ColumnFormat } from '../../lib/table-export';
import type { FitTable } from './fit-tables';

/** A stored comparison's numbers as a result table, with R's print digits (5 significant; p-values as format.pval). */
const FORMATS: Record<string, ColumnFormat> = {
  npar: { digits: 5 },
  Df: { digits: 5 },
  'Res.Df': { digits: 7 },
  AIC: { digits: 5 },
  BIC: { digits: 5 },
  logLik: { digits: 5 },
  deviance: { digits: 5 },
  Chisq: { digits: 5 },
  RSS: { digits: 5 },
  'Sum of Sq': { digits: 5 },
  F: { digits: 5 },
  'Pr(>Chisq)': { pvalue: true },
  'Pr(>F)': { pvalue: true },
};

export function comparisonTable(value: ModelsCompareValue): FitTable {
  return {
    id: 'anova',
    title: value.kind === 'anova.lmer' ? 'Likelihood-ratio tests' : 'F tests',
    columns: value.table.columns.map((label) => ({ label, format: FORMATS[label] })),
    rows: value.table.rows.map((cells) => ({ cells })),
    note:
      value.kind === 'anova.lmer'
        ? 'Each row tests its model against the one above it (models ordered by their number of parameters).'
        : 'Each row tests its model against the one above it, in the order chosen.',
  };
}

const REFIT = /^refitting model\(s\) with ML/;

/** What R said while comparing, in plain words where we know the message. */
export function comparisonNotes(value: ModelsCompareValue): { plain: string; said?: string }[] {
  return value.messages.map((m) =>
    REFIT.test(m)
      ? {
          plain:
            'The models were fitted by REML. REML likelihoods of models with different fixed effects cannot be compared, so lme4 refitted every model by maximum likelihood (ML) for this table; the fits under the model tabs are unchanged.',
          said: m,
        }
      : { plain: m },
  );
}
