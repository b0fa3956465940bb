import { AppError } from '@shared/errors';

/**
 * lme4's Nelder-Mead (lme4::Nelder_Mead, src/optimizer.cpp of lme4 1.1-31, itself after
 * NLopt's nldrmd), the optimizer of glmer's second stage. Written from that source so
 * that the sequence of evaluated points, hence where it stops, is lme4's: the initial
 * simplex x0 + xst_j e_j (pinned to the bounds), reflection 1, expansion 2, contraction
 * ½ and shrink ½ around the best vertex, points clamped into the bounds. It stops when
 * every coordinate's largest distance from the centroid (of the vertices other than the
 * worst) is below xt_j, when a reflected point coincides with the centroid or the worst
 * vertex (relative 1e-13), or after maxfun evaluations. lme4 sets no tolerance on the
 * function values that the loop ever checks (FtolAbs and FtolRel are set but unused).
 */
export interface NelderMeadOptions {
  lower: Float64Array;
  upper?: Float64Array;
  /** Initial steps (lme4: xst). */
  xst: Float64Array;
  /** Absolute tolerances on the simplex size (lme4: xt, default xst · 5e-4). */
  xt?: Float64Array;
  /** lme4's maxfun (default 10000). */
  maxfun?: number;
  checkpoint?: () => Promise<void>;
}

export interface NelderMeadResult {
  x: Float64Array;
  fval: number;
  feval: number;
  /** lme4's NM.result: 3 x converged, 2 f converged (never), −4 evaluation limit. */
  code: number;
  converged: boolean;
  message: string;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-13 * (Math.abs(a) + Math.abs(b));

export async function nelderMead(fn: (x: Float64Array) => number, x0: Float64Array, options: NelderMeadOptions): Promise<NelderMeadResult> {
  const n = x0.length;
  const lb = options.lower;
  const ub = options.upper ?? new Float64Array(n).fill(Infinity);
  const xst = options.xst;
  const xt = options.xt ?? xst.map((s) => s * 5e-4);
  const maxfun = options.maxfun ?? 10_000;
  for (let i = 0; i < n; i++) if (x0[i] < lb[i] || x0[i] > ub[i]) throw new AppError('internal', 'Nelder-Mead: the initial point is outside the bounds.');

  // Simplex vertices (columns of lme4's d_pts) and their values.
  const pts = Array.from({ length: n + 1 }, () => Float64Array.from(x0));
  for (let i = 0; i < n; i++) {
    const p = pts[i + 1];
    p[i] += xst[i];
    if (p[i] > ub[i]) p[i] = ub[i] - x0[i] > Math.abs(xst[i]) * 0.1 ? ub[i] : x0[i] - Math.abs(xst[i]);
    if (p[i] < lb[i]) {
      if (x0[i] - lb[i] > Math.abs(xst[i]) * 0.1) p[i] = lb[i];
      else {
        p[i] = x0[i] + Math.abs(xst[i]);
        if (p[i] > ub[i]) p[i] = 0.5 * ((ub[i] - x0[i] > x0[i] - lb[i] ? ub[i] : lb[i]) + x0[i]);
      }
    }
    if (close(p[i], x0[i])) throw new AppError('internal', 'Nelder-Mead: cannot generate a feasible simplex.');
  }
  const vals = new Float64Array(n + 1);
  const c = new Float64Array(n);
  const xcur = new Float64Array(n);
  let xeval = Float64Array.from(x0);
  let best = Float64Array.from(x0);
  let minf = Infinity;
  let fl = 0;
  let fh = 0;
  let il = 0;
  let ih = 0;
  let fOld = 0;
  let initPos = 0;
  let stage: 'restart' | 'postreflect' | 'postexpand' | 'postcontract' = 'restart';
  let evals = 0;

  /** xnew = c + scale (c − xold), clamped; false when it coincides with c or xold. */
  const reflect = (xnew: Float64Array, center: Float64Array, scale: number, xold: Float64Array): boolean => {
    let equalC = true;
    let equalOld = true;
    for (let i = 0; i < n; i++) {
      const v = Math.min(Math.max(center[i] + scale * (center[i] - xold[i]), lb[i]), ub[i]);
      equalC = equalC && close(v, center[i]);
      equalOld = equalOld && close(v, xold[i]);
      xnew[i] = v;
    }
    return !(equalC || equalOld);
  };
  /** Returns 'x' on convergence, otherwise sets xeval and returns null. */
  const restart = (): 'x' | null => {
    fl = Infinity;
    fh = -Infinity;
    for (let k = 0; k <= n; k++) {
      if (vals[k] < fl) [fl, il] = [vals[k], k];
      if (vals[k] > fh) [fh, ih] = [vals[k], k];
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k <= n; k++) s += pts[k][i];
      c[i] = (s - pts[ih][i]) / n;
    }
    let small = true;
    for (let i = 0; i < n && small; i++) {
      let dev = 0;
      for (let k = 0; k <= n; k++) dev = Math.max(dev, Math.abs(pts[k][i] - c[i]));
      small = Math.abs(dev) < xt[i] || dev === 0;
    }
    if (small) return 'x';
    if (!reflect(xcur, c, 1, pts[ih])) return 'x';
    xeval = Float64Array.from(xcur);
    stage = 'postreflect';
    return null;
  };
  const step = (f: number): 'x' | null => {
    if (initPos <= n) {
      vals[initPos++] = f;
      if (initPos > n) return restart();
      xeval = Float64Array.from(pts[initPos]);
      return null;
    }
    switch (stage) {
      case 'restart':
        return restart();
      case 'postreflect':
        if (f < fl) {
          if (!reflect(xeval, c, 2, pts[ih])) return 'x';
          stage = 'postexpand';
          fOld = f;
          return null;
        }
        if (f < fh) {
          vals[ih] = f;
          pts[ih] = Float64Array.from(xeval);
          return restart();
        }
        if (!reflect(xcur, c, fh <= f ? -0.5 : 0.5, pts[ih])) return 'x';
        fOld = f;
        xeval = Float64Array.from(xcur);
        stage = 'postcontract';
        return null;
      case 'postexpand':
        if (f < vals[ih]) {
          pts[ih] = Float64Array.from(xeval);
          vals[ih] = f;
        } else {
          pts[ih] = Float64Array.from(xcur);
          vals[ih] = fOld;
        }
        return restart();
      case 'postcontract': {
        if (f < fOld && f < fh) {
          pts[ih] = Float64Array.from(xeval);
          vals[ih] = f;
          return restart();
        }
        for (let k = 0; k <= n; k++) {
          if (k === il) continue;
          if (!reflect(xeval, pts[il], -0.5, pts[k])) return 'x';
          pts[k] = Float64Array.from(xeval);
        }
        initPos = 0;
        xeval = Float64Array.from(pts[0]);
        return null;
      }
    }
  };

  for (;;) {
    if (options.checkpoint) await options.checkpoint();
    const f = fn(xeval);
    evals++;
    if (f < minf) {
      minf = f;
      best = Float64Array.from(xeval);
    }
    if (evals > maxfun) return { x: best, fval: minf, feval: evals, code: -4, converged: false, message: `failure to converge in ${maxfun} evaluations` };
    if (step(f) === 'x') return { x: best, fval: minf, feval: evals, code: 3, converged: true, message: 'parameter values converged to within tolerance' };
  }
}
