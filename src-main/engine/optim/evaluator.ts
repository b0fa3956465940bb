/**
 * Function evaluations for the BOBYQA core: the budget (maxfun, shouldStop), the
 * map from the optimiser's scaled variables to the caller's, and the best point.
 * Values are passed on as received; the core decides what a non-finite value means.
 */
export interface EvaluatorSettings {
  n: number;
  maxfun: number;
  /** Original variable = scaled variable × scale. */
  scale: Float64Array;
  /** Bounds in the caller's variables; points are clipped into them before f sees them. */
  lower: Float64Array;
  upper: Float64Array;
  shouldStop?: () => boolean;
  onIteration?: (info: { feval: number; fval: number; x: Float64Array }) => void;
}

export type StopReason = 'maxfun' | 'stopped';

/** Thrown inside the core's generator to unwind to its top level when the budget ends. */
export class BudgetExhausted extends Error {
  constructor(readonly reason: StopReason) {
    super(reason);
  }
}

export class Evaluator {
  nf = 0;
  bestF = Infinity;
  readonly bestX: Float64Array;

  constructor(private readonly settings: EvaluatorSettings) {
    this.bestX = new Float64Array(settings.n);
  }

  /** The reason no further evaluation is allowed, or null. */
  blocked(): StopReason | null {
    if (this.nf >= this.settings.maxfun) return 'maxfun';
    if (this.settings.shouldStop?.()) return 'stopped';
    return null;
  }

  /**
   * Yields the point (in the caller's variables) and returns f received there.
   * `scaled` is the point in the optimiser's variables.
   */
  *evaluate(scaled: Float64Array): Generator<Float64Array, number, number> {
    const reason = this.blocked();
    if (reason !== null) throw new BudgetExhausted(reason);
    const { n, scale, lower, upper } = this.settings;
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = Math.min(upper[j], Math.max(lower[j], scaled[j] * scale[j]));
    const raw: number = yield Float64Array.from(x);
    this.nf++;
    if (Number.isFinite(raw) && raw < this.bestF) {
      this.bestF = raw;
      this.bestX.set(x);
    }
    this.settings.onIteration?.({ feval: this.nf, fval: this.bestF, x: Float64Array.from(this.bestX) });
    return raw;
  }
}
