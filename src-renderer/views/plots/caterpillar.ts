import { z } from 'zod';
import type { ModelFitValue } from '@shared/models';
import type { FigureResult, IntervalFigure } from './interval-figure';

/** qnorm(0.975): the normal quantile of a 95% interval, to the digits R prints with digits = 17. */
export const QNORM_975 = 1.959963984540054;

const nums = z.array(z.number().nullable());
const RanefGroup = z.object({
  group: z.string(),
  levels: z.array(z.string()),
  names: z.array(z.string()),
  values: z.array(nums),
  condsd: z.array(nums),
});
const LmerRanef = z.object({ ranef: z.array(RanefGroup).min(1) });

/**
 * lme4's dotplot(ranef(m, condVar = TRUE)) for one grouping factor: a panel per
 * random-effect term, the levels sorted by their conditional mode in the first
 * term (lattice's reorder(), smallest at the bottom), each mode with the
 * interval mode ± qnorm(0.975) × its conditional SD, and a line at 0.
 * `group` picks the grouping factor; the first one by default.
 */
export function caterpillarFigure(value: ModelFitValue, group?: string): FigureResult {
  if (value.kind !== 'lmer' && value.kind !== 'glmer') return { ok: false, message: `a caterpillar plot needs a mixed model (lmer or glmer); this fit is ${value.kind}.` };
  const parsed = LmerRanef.safeParse(value.fit);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `the stored fit has no readable random effects (${issue?.path.join('.') || 'ranef'}: ${issue?.message}).` };
  }
  const groups = parsed.data.ranef;
  const ranef = group === undefined ? groups[0] : groups.find((g) => g.group === group);
  if (!ranef) return { ok: false, message: `the model has no grouping factor ${group}; it has ${groups.map((g) => g.group).join(', ')}.` };
  const first = (k: number) => ranef.values[k]?.[0] ?? Number.NaN;
  // Top of the axis first: the largest first-term mode at the top, as lattice draws reorder()'s last level highest.
  const order = ranef.levels.map((_, k) => k).sort((a, b) => first(b) - first(a) || b - a);
  const figure: IntervalFigure = {
    groupTitle: ranef.group,
    valueTitle: 'Conditional mode',
    groups: order.map((k) => ranef.levels[k]),
    panels: ranef.names.map((name, j) => ({
      title: name,
      referenceLine: 0,
      points: order.flatMap((k) => {
        const mode = ranef.values[k]?.[j];
        if (mode === null || mode === undefined) return [];
        const sd = ranef.condsd[k]?.[j];
        const half = sd === null || sd === undefined ? null : QNORM_975 * sd;
        return [{ group: ranef.levels[k], value: mode, lower: half === null ? null : mode - half, upper: half === null ? null : mode + half }];
      }),
    })),
    caption: `Conditional modes of the random effects by ${ranef.group}, with 95% intervals: mode ± 1.96 × conditional SD (lme4’s dotplot(ranef(m, condVar = TRUE))).`,
  };
  return { ok: true, figure };
}
