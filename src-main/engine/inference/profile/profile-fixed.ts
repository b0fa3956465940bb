import type { Blocks } from '../../lmm/blocks';
import type { LmmModel } from '../../lmm/model';
import { lmmObjective } from '../../lmm/objective';
import { bobyqa } from '../../optim/bobyqa';
import type { ProfilePoint } from './profile-grid';
import { PROFILE_OPTIMIZER, signedRoot } from './refit-settings';

/**
 * The profile of fixed effect j (lme4's fe.zeta): β_j held at b by moving its column
 * into the offset, so the model has X without column j and response y − x_j·b, and θ is
 * refitted by ML (β_−j and σ profiled out as in any ML fit).
 *
 * The cross-products of that model come from the full model's without another pass over
 * the observations: W = [X_−j, y − b·x_j] is linear in b, so its rows of W'Z and W'W are
 * the full model's rows of X_−j, and y's row minus b times x_j's (and W'W's last entry
 * is y'y − 2b·x_j'y + b²·x_j'x_j).
 */
export interface DroppedColumnModel {
  model: LmmModel;
  /** Sets β_j = b (rewrites the response's rows of the cross-products in place). */
  setValue(b: number): void;
}

export function dropFixedColumn(model: LmmModel, j: number): DroppedColumnModel {
  const { blocks, n, p } = model;
  const { Q1, Q2 } = blocks.layout;
  const P = p + 1;
  const keep: number[] = [];
  for (let c = 0; c < p; c++) if (c !== j) keep.push(c);
  const p1 = p - 1;
  const P1 = p1 + 1;
  const aw1 = new Float64Array(P1 * Q1);
  const aw2 = new Float64Array(P1 * Q2);
  const aww = new Float64Array(P1 * P1);
  keep.forEach((c, r) => {
    aw1.set(blocks.aw1.subarray(c * Q1, (c + 1) * Q1), r * Q1);
    aw2.set(blocks.aw2.subarray(c * Q2, (c + 1) * Q2), r * Q2);
    keep.forEach((d, s) => (aww[r * P1 + s] = blocks.aww[c * P + d]));
  });
  const reduced: Blocks = { ...blocks, layout: { ...blocks.layout, p: p1 }, aw1, aw2, aww };
  const X = new Float64Array(n * p1);
  keep.forEach((c, r) => X.set(model.fixed.X.subarray(c * n, (c + 1) * n), r * n));
  const fixed = { ...model.fixed, X, p: p1, names: keep.map((c) => model.fixed.names[c]), assign: Int32Array.from(keep, (c) => model.fixed.assign[c]) };
  const reducedModel: LmmModel = { ...model, fixed, blocks: reduced, p: p1 };

  const setValue = (b: number) => {
    const y1 = blocks.aw1.subarray(p * Q1, P * Q1);
    const x1 = blocks.aw1.subarray(j * Q1, (j + 1) * Q1);
    for (let c = 0; c < Q1; c++) aw1[p1 * Q1 + c] = y1[c] - b * x1[c];
    for (let c = 0; c < Q2; c++) aw2[p1 * Q2 + c] = blocks.aw2[p * Q2 + c] - b * blocks.aw2[j * Q2 + c];
    keep.forEach((c, s) => {
      const v = blocks.aww[p * P + c] - b * blocks.aww[j * P + c];
      aww[p1 * P1 + s] = v;
      aww[s * P1 + p1] = v;
    });
    aww[p1 * P1 + p1] = blocks.aww[p * P + p] - 2 * b * blocks.aww[p * P + j] + b * b * blocks.aww[j * P + j];
  };
  return { model: reducedModel, setValue };
}

/** ζ at β_j = x: θ refitted by ML from `start` (the previous point's θ). */
export function fixedZeta(model: LmmModel, j: number, centre: number, base: number, name: string): { zetaAt: (x: number, start: Float64Array) => ProfilePoint; dispose(): void } {
  const dropped = dropFixedColumn(model, j);
  const objective = lmmObjective(dropped.model, false, { parallel: true });
  const lower = model.layout.lower;
  const zetaAt = (x: number, start: Float64Array): ProfilePoint => {
    dropped.setValue(x);
    const res = bobyqa(objective, Float64Array.from(start), { ...PROFILE_OPTIMIZER, lower });
    const zeta = signedRoot(x, centre, res.fval, base, name, () => Float64Array.from(res.x));
    return { x, zeta, state: Number.isFinite(res.fval) ? Float64Array.from(res.x) : Float64Array.from(start) };
  };
  return { zetaAt, dispose: () => objective.dispose() };
}
