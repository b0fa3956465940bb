import { AppError } from '@shared/errors';
import type { GroupSubset } from '@shared/data-plots';
import { rSample } from './r-sample';

/**
 * The levels a by-group plot shows, in level order: all, k drawn as R's
 * set.seed(seed); sample(levels, k) draws them, or the chosen ones.
 */
export function pickLevels(levels: readonly string[], subset: GroupSubset, variable: string): string[] {
  switch (subset.pick) {
    case 'all':
      return [...levels];
    case 'random': {
      const drawn = new Set(rSample(levels, subset.k, subset.seed));
      return levels.filter((l) => drawn.has(l));
    }
    case 'chosen': {
      const unknown = subset.levels.filter((l) => !levels.includes(l));
      if (unknown.length > 0) {
        throw new AppError('bad-input', `${variable} has no level ${unknown.map((l) => `"${l}"`).join(', ')}; its levels are ${levels.slice(0, 20).join(', ')}${levels.length > 20 ? ', …' : ''}.`);
      }
      return levels.filter((l) => subset.levels.includes(l));
    }
  }
}
