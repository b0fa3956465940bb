import { z } from 'zod';
import type { ModelFitValue } from '@shared/models';
import type { FigureResult, IntervalFigure } from './interval-figure';

const nums = z.array(z.number().nullable());
const LmListIntervals = z.object({
  group: z.string(),
  groups: z.array(z.string()),
  names: z.array(z.string()),
  coef: z.array(nums),
  lower: z.array(nums),
  upper: z.array(nums),
  level: z.number(),
});

/**
 * nlme's plot(intervals(m)) of an lmList fit: a panel per coefficient, the
 * groups in their order with the first at the bottom (as lattice's dotplot
 * draws factor levels), each group's estimate with nlme's limits. A group
 * whose lm failed (NA) has no point, as in R.
 */
export function lmListIntervalsFigure(value: ModelFitValue): FigureResult {
  if (value.kind !== 'lmList') return { ok: false, message: `this plot needs one regression per group (lmList); this fit is ${value.kind}.` };
  const parsed = LmListIntervals.safeParse(value.fit);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `the stored fit has no readable intervals (${issue?.path.join('.') || 'numbers'}: ${issue?.message}).` };
  }
  const fit = parsed.data;
  const order = fit.groups.map((_, k) => fit.groups.length - 1 - k);
  const percent = `${Math.round(fit.level * 1000) / 10}%`;
  const figure: IntervalFigure = {
    groupTitle: fit.group,
    valueTitle: 'Estimate',
    groups: order.map((k) => fit.groups[k]),
    panels: fit.names.map((name, j) => ({
      title: name,
      referenceLine: null,
      points: order.flatMap((k) => {
        const estimate = fit.coef[k]?.[j];
        if (estimate === null || estimate === undefined) return [];
        return [{ group: fit.groups[k], value: estimate, lower: fit.lower[k]?.[j] ?? null, upper: fit.upper[k]?.[j] ?? null }];
      }),
    })),
    caption: `Coefficients of each ${fit.group}’s regression with ${percent} intervals (nlme’s plot(intervals(m))): estimate ± t × standard error, the residual SD pooled over the groups.`,
  };
  return { ok: true, figure };
}
