import { AppError } from '@shared/errors';

/**
 * Finite-difference gradient and Hessian of an objective at a point, as lme4's
 * deriv12 (R/checkConv.R) computes them after optimisation: central differences
 * with step δ = 1e-4, the diagonal of the Hessian from the same two points as the
 * gradient, each off-diagonal element from the four corners (x ± δeᵢ ± δeⱼ).
 *
 * lme4's optwrap calls deriv12 without bounds, so its derivatives step outside
 * the feasible region (θ = -1e-4 for a θ at 0); that is the default here too, so
 * that the numbers equal lme4's. With `respectBounds` the steps are shortened to
 * stay within [lower, upper], using the exact formulas for unequal steps and
 * one-sided three-point formulas at a bound (lme4's own bounded branch divides
 * by a zero step there).
 *
 * The work is split into a plan (the points to evaluate) and an assembly, so
 * that a caller can evaluate the points however it likes (synchronously, with
 * yields to the event loop, or counting them first).
 */

export interface Deriv12Options {
  /** Step (lme4: 1e-4). */
  delta?: number;
  /** The objective at x when the caller already has it (lme4 passes the optimizer's value). */
  fx?: number;
  /** Keep every evaluation point within [lower, upper]. lme4 does not (see above). */
  respectBounds?: boolean;
  lower?: Float64Array;
  upper?: Float64Array;
  /**
   * 'four-point' (lme4): 4 evaluations per off-diagonal element, 2k² in all.
   * 'two-point': f(x+δeᵢ+δeⱼ) and f(x-δeᵢ-δeⱼ) combined with the axis points already
   * evaluated, k² + k in all; the same O(δ²) accuracy, not bit-equal to lme4.
   */
  crossStencil?: 'four-point' | 'two-point';
}

export interface Derivatives {
  gradient: Float64Array;
  /** k × k, column-major, symmetric. */
  hessian: Float64Array;
  /** Objective evaluations made (not counting fx when it was given). */
  evaluations: number;
}

/** How a coordinate is differenced. */
const enum Side {
  /** x + uᵢeᵢ and x - lᵢeᵢ (u = l = δ without bounds). */
  Central = 0,
  /** At the lower bound: x + heᵢ, x + 2heᵢ. */
  Forward = 1,
  /** At the upper bound: x - heᵢ, x - 2heᵢ. */
  Backward = 2,
}

export interface Deriv12Plan {
  readonly k: number;
  /** Evaluations the plan needs (plus one for fx when it was not given). */
  readonly count: number;
  /** A fresh copy of evaluation point p (0 ≤ p < count). */
  point(p: number): Float64Array;
  /** The derivatives from the objective at every point (and fx). */
  assemble(values: Float64Array, fx: number): Derivatives;
}

const DEFAULT_DELTA = 1e-4;

/** Evaluations deriv12 makes for k parameters (fx given): lme4's stencil needs 2k². */
export function deriv12Evaluations(k: number, crossStencil: 'four-point' | 'two-point' = 'four-point'): number {
  const pairs = (k * (k - 1)) / 2;
  return 2 * k + (crossStencil === 'four-point' ? 4 : 2) * pairs;
}

export function planDeriv12(x: Float64Array, options: Deriv12Options = {}): Deriv12Plan {
  const k = x.length;
  if (k === 0) throw new AppError('internal', 'Derivatives at the optimum: there are no parameters.');
  const delta = options.delta ?? DEFAULT_DELTA;
  const side = new Uint8Array(k);
  const up = new Float64Array(k).fill(delta);
  const down = new Float64Array(k).fill(delta);
  if (options.respectBounds) boundedSteps(x, delta, options.lower, options.upper, side, up, down);

  // Points are stored sparsely: at most two coordinates differ from x.
  const ci: number[] = [];
  const di: number[] = [];
  const cj: number[] = [];
  const dj: number[] = [];
  const index = new Map<string, number>();
  const add = (i: number, a: number, j: number, b: number): number => {
    if (a === 0 && b === 0) return -1;
    if (a === 0) return add(j, b, -1, 0);
    if (b === 0) j = -1;
    const key = j < 0 ? `${i}:${a}` : `${i}:${a}|${j}:${b}`;
    const known = index.get(key);
    if (known !== undefined) return known;
    ci.push(i);
    di.push(a);
    cj.push(j);
    dj.push(j < 0 ? 0 : b);
    index.set(key, ci.length - 1);
    return ci.length - 1;
  };

  // Per coordinate: the two axis points, and the "high" and "low" offsets used in the corners.
  const axisA = new Int32Array(k);
  const axisB = new Int32Array(k);
  const high = new Float64Array(k);
  const low = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (side[j] === Side.Central) {
      high[j] = up[j];
      low[j] = -down[j];
      axisA[j] = add(j, up[j], -1, 0);
      axisB[j] = add(j, -down[j], -1, 0);
    } else if (side[j] === Side.Forward) {
      high[j] = up[j];
      low[j] = 0;
      axisA[j] = add(j, up[j], -1, 0);
      axisB[j] = add(j, 2 * up[j], -1, 0);
    } else {
      high[j] = 0;
      low[j] = -down[j];
      axisA[j] = add(j, -down[j], -1, 0);
      axisB[j] = add(j, -2 * down[j], -1, 0);
    }
  }
  const symmetric = (j: number) => side[j] === Side.Central && up[j] === down[j];
  const twoPoint = options.crossStencil === 'two-point';
  const pairs = (k * (k - 1)) / 2;
  // Per pair (i < j, in lme4's order: j outer, i inner): four corner points, or two (-1 unused).
  const corner = new Int32Array(4 * pairs).fill(-1);
  const pairTwoPoint = new Uint8Array(pairs);
  for (let j = 0, p = 0; j < k; j++) {
    for (let i = 0; i < j; i++, p++) {
      if (twoPoint && symmetric(i) && symmetric(j)) {
        pairTwoPoint[p] = 1;
        corner[4 * p] = add(i, up[i], j, up[j]);
        corner[4 * p + 3] = add(i, -down[i], j, -down[j]);
      } else {
        corner[4 * p] = add(i, high[i], j, high[j]);
        corner[4 * p + 1] = add(i, high[i], j, low[j]);
        corner[4 * p + 2] = add(i, low[i], j, high[j]);
        corner[4 * p + 3] = add(i, low[i], j, low[j]);
      }
    }
  }

  const count = ci.length;
  return {
    k,
    count,
    point(p) {
      const out = Float64Array.from(x);
      out[ci[p]] = x[ci[p]] + di[p];
      if (cj[p] >= 0) out[cj[p]] = x[cj[p]] + dj[p];
      return out;
    },
    assemble(values, fx) {
      if (values.length !== count) {
        throw new AppError('internal', `Derivatives at the optimum: ${values.length} values for ${count} points.`);
      }
      const at = (p: number) => (p < 0 ? fx : values[p]);
      const gradient = new Float64Array(k);
      const hessian = new Float64Array(k * k);
      for (let j = 0; j < k; j++) {
        const fa = at(axisA[j]);
        const fb = at(axisB[j]);
        const u = up[j];
        const l = down[j];
        if (side[j] === Side.Central && u === l) {
          // lme4's arithmetic, term by term, so that equal values give equal bits.
          hessian[j * k + j] = fa / (u * u) - (2 * fx) / (u * l) + fb / (l * l);
          gradient[j] = (fa - fb) / (u + l);
        } else if (side[j] === Side.Central) {
          // Exact for quadratics with unequal steps u (up) and l (down).
          hessian[j * k + j] = (2 * (l * fa + u * fb - (u + l) * fx)) / (u * l * (u + l));
          gradient[j] = (l * l * fa - u * u * fb + (u * u - l * l) * fx) / (u * l * (u + l));
        } else {
          const h = side[j] === Side.Forward ? u : -l;
          hessian[j * k + j] = (fx - 2 * fa + fb) / (h * h);
          gradient[j] = (-3 * fx + 4 * fa - fb) / (2 * h);
        }
      }
      for (let j = 0, p = 0; j < k; j++) {
        for (let i = 0; i < j; i++, p++) {
          let h: number;
          if (pairTwoPoint[p]) {
            // f(+,+) + f(-,-) = 2f + δᵢ²Hᵢᵢ + 2δᵢδⱼHᵢⱼ + δⱼ²Hⱼⱼ + O(δ⁴), and each axis pair
            // f(x+δeᵢ) + f(x-δeᵢ) = 2f + δᵢ²Hᵢᵢ + O(δ⁴): the difference leaves Hᵢⱼ.
            const sum = at(corner[4 * p]) + at(corner[4 * p + 3]) + 2 * fx;
            const axes = at(axisA[i]) + at(axisB[i]) + at(axisA[j]) + at(axisB[j]);
            h = (sum - axes) / (2 * up[i] * up[j]);
          } else if (symmetric(i) && symmetric(j)) {
            const a = up[i] + up[j];
            h =
              at(corner[4 * p]) / (a * a) -
              at(corner[4 * p + 1]) / ((up[i] + down[j]) * (up[i] + down[j])) -
              at(corner[4 * p + 2]) / ((down[i] + up[j]) * (down[i] + up[j])) +
              at(corner[4 * p + 3]) / ((down[i] + down[j]) * (down[i] + down[j]));
          } else {
            const wi = high[i] - low[i];
            const wj = high[j] - low[j];
            h = (at(corner[4 * p]) - at(corner[4 * p + 1]) - at(corner[4 * p + 2]) + at(corner[4 * p + 3])) / (wi * wj);
          }
          hessian[j * k + i] = h;
          hessian[i * k + j] = h;
        }
      }
      return { gradient, hessian, evaluations: count };
    },
  };
}

/** Steps that stay within the bounds; a coordinate at a bound is differenced one-sidedly. */
function boundedSteps(
  x: Float64Array,
  delta: number,
  lower: Float64Array | undefined,
  upper: Float64Array | undefined,
  side: Uint8Array,
  up: Float64Array,
  down: Float64Array,
): void {
  for (let j = 0; j < x.length; j++) {
    const roomUp = upper === undefined ? Infinity : upper[j] - x[j];
    const roomDown = lower === undefined ? Infinity : x[j] - lower[j];
    if (!(roomUp >= 0 && roomDown >= 0)) {
      throw new AppError('internal', `Derivatives at the optimum: parameter ${j + 1} (${x[j]}) lies outside its bounds.`);
    }
    if (roomUp === 0 && roomDown === 0) {
      throw new AppError('internal', `Derivatives at the optimum: parameter ${j + 1} has equal lower and upper bounds.`);
    }
    if (roomDown === 0) {
      side[j] = Side.Forward;
      up[j] = Math.min(delta, roomUp / 2);
    } else if (roomUp === 0) {
      side[j] = Side.Backward;
      down[j] = Math.min(delta, roomDown / 2);
    } else {
      up[j] = Math.min(delta, roomUp);
      down[j] = Math.min(delta, roomDown);
    }
  }
}

/** deriv12 with a synchronous objective. */
export function deriv12(f: (x: Float64Array) => number, x: Float64Array, options: Deriv12Options = {}): Derivatives {
  const plan = planDeriv12(x, options);
  const fx = options.fx ?? f(Float64Array.from(x));
  const values = new Float64Array(plan.count);
  for (let p = 0; p < plan.count; p++) values[p] = f(plan.point(p));
  const d = plan.assemble(values, fx);
  return options.fx === undefined ? { ...d, evaluations: d.evaluations + 1 } : d;
}

export interface AsyncEvaluation {
  /** Called after every evaluation; a cancelled job rejects here (TaskContext.checkpoint). */
  checkpoint?: () => Promise<void>;
  /** Evaluations done and needed, after every evaluation. */
  onProgress?: (done: number, total: number) => void;
}

/** deriv12 for long evaluations: awaits the objective and a checkpoint between points. */
export async function deriv12Async(
  f: (x: Float64Array) => number | Promise<number>,
  x: Float64Array,
  options: Deriv12Options & AsyncEvaluation = {},
): Promise<Derivatives> {
  const plan = planDeriv12(x, options);
  const total = plan.count + (options.fx === undefined ? 1 : 0);
  let done = 0;
  const step = async () => {
    done++;
    options.onProgress?.(done, total);
    if (options.checkpoint) await options.checkpoint();
  };
  let fx = options.fx;
  if (fx === undefined) {
    fx = await f(Float64Array.from(x));
    await step();
  }
  const values = new Float64Array(plan.count);
  for (let p = 0; p < plan.count; p++) {
    values[p] = await f(plan.point(p));
    await step();
  }
  const d = plan.assemble(values, fx);
  return { ...d, evaluations: total };
}
