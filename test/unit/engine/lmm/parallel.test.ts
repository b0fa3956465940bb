import { describe, expect, it } from 'vitest';
import { parseFormula } from '@shared/formula/parse-formula';
import { buildLmmModel } from '../../../../src-main/engine/lmm/model';
import { lmmObjective } from '../../../../src-main/engine/lmm/objective';
import { PARALLEL_LIMITS, startTeam } from '../../../../src-main/engine/lmm/parallel';
import { supernodalWork, zeroPanels } from '../../../../src-main/engine/lmm/supernodal';
import { factorSupernodal } from '../../../../src-main/engine/lmm/supernodal-factor';
import { lmerCase, sampleFrame } from './helpers';
import { analyse, permutedLower, randomPattern, spdOnPattern } from './sparse-helpers';

/** A later block big enough for a second thread, with both kinds of shared work: wide updates and a dense root. */
function bigBlock() {
  const n = 420;
  const { panels, edges } = randomPattern(n, 260, 9, 200, 31);
  const A = spdOnPattern(n, panels, edges, 32);
  const later = analyse(n, A, panels);
  const { sn } = later;
  let shared = 0;
  for (let s = 0; s < sn.count; s++) {
    const w = sn.start[s + 1] - sn.start[s];
    const r = sn.rowPtr[s + 1] - sn.rowPtr[s];
    if ((r * r * w) / 2 >= PARALLEL_LIMITS.updateMin) shared++;
  }
  const root = sn.start[sn.count] - sn.start[sn.count - 1];
  expect(supernodalWork(sn)).toBeGreaterThan(PARALLEL_LIMITS.workMin);
  expect(shared).toBeGreaterThan(0);
  expect(root).toBeGreaterThanOrEqual(PARALLEL_LIMITS.denseMin);
  // Two right-hand-side rows below the matrix (as L_W2 in a fit).
  const m = 2;
  const lower = new Float64Array((n + m) * n);
  lower.set(permutedLower(n, A, later.perm));
  for (let i = n * n; i < lower.length; i++) lower[i] = Math.sin(i);
  return { n, m, A, later, lower };
}

describe('the second thread of the factorisation', () => {
  it('is not started for a small block', () => {
    const n = 60;
    const { panels, edges } = randomPattern(n, 30, 5, 40, 2);
    expect(startTeam(analyse(n, spdOnPattern(n, panels, edges, 3), panels), n, 2, 10)).toBeNull();
  });

  it('gives the one-thread factor to the last bit, again and again, and after a matrix that is not positive definite', () => {
    const { n, m, later, lower } = bigBlock();
    const { sn } = later;
    const one = Float64Array.from(lower);
    expect(factorSupernodal(one, n, m, sn.start, sn.rowPtr, sn.rows)).toBe(true);
    const team = startTeam(later, n, m, 10);
    expect(team).not.toBeNull();
    if (!team) return;
    try {
      for (let round = 0; round < 3; round++) {
        zeroPanels(team.l22, sn);
        team.l22.set(lower);
        expect(team.factorShared()).toBe(true);
        for (let i = 0; i < (n + m) * n; i++) if (team.l22[i] !== one[i]) throw new Error(`entry ${i}: ${team.l22[i]} ≠ ${one[i]}`);
      }
      // Not positive definite in the dense root (either thread may meet it first): false, and the team goes on.
      team.l22.set(lower);
      const last = n - 1;
      team.l22[last * n + last] = -1;
      expect(team.factorShared()).toBe(false);
      team.l22.set(lower);
      team.l22[(n - 40) * n + n - 40] = -1e6;
      expect(team.factorShared()).toBe(false);
      team.l22.set(lower);
      expect(team.factorShared()).toBe(true);
      expect(team.l22[last * n + last]).toBe(one[last * n + last]);
    } finally {
      team.dispose();
    }
  });

  it('InstEval: the objective with two threads equals the one-thread objective, and dispose leaves it working', async () => {
    const c = lmerCase('lmm/insteval_crossed.json');
    const frame = await sampleFrame(c.data, c.levels, ['s', 'd', 'dept', 'service']);
    const model = buildLmmModel(parseFormula(c.formula), frame);
    const theta = Float64Array.from(c.fit.theta as number[]);
    const single = lmmObjective(model, true);
    const parallel = lmmObjective(model, true, { parallel: true });
    expect(parallel.factor.team).not.toBeNull();
    const moved = Float64Array.from(theta, (t, i) => t * (1 + 0.1 * i));
    expect(parallel(theta)).toBe(single(theta));
    expect(parallel(moved)).toBe(single(moved));
    expect(Array.from(parallel.factor.lw2)).toEqual(Array.from(single.factor.lw2));
    parallel.dispose();
    expect(parallel.factor.team).toBeNull();
    expect(parallel(theta)).toBe(single(theta));
  });
});
