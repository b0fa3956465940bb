import { qnorm } from './r-normal';

/**
 * Percentile intervals as boot.ci(type = "perc") computes them (package boot,
 * perc.ci and norm.inter): the ends are the order statistics at (R + 1)·α for
 * α = (1 ∓ level)/2, interpolated on the normal quantile scale between the two
 * neighbouring order statistics when (R + 1)·α is not a whole number:
 *
 *   t_(k) + (Φ⁻¹(α) − Φ⁻¹(k/(R+1))) / (Φ⁻¹((k+1)/(R+1)) − Φ⁻¹(k/(R+1))) · (t_(k+1) − t_(k)),  k = ⌊(R+1)α⌋,
 *
 * and the extreme order statistic when k is 0 or R. Non-finite replicates (failed
 * refits) are left out first, as boot.ci does.
 */
export interface PercentileResult {
  /** null when boot.ci declines: every replicate equal (its "All values of t are equal"). */
  interval: [number, number] | null;
  /** boot's warning "extreme order statistics used as endpoints", or the equal-values note. */
  warning: string | null;
}

export function percentileInterval(values: ArrayLike<number>, level: number): PercentileResult {
  const t: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) t.push(values[i]);
  const R = t.length;
  if (R === 0) return { interval: null, warning: 'no replicate has a finite value' };
  if (allEqual(t)) return { interval: null, warning: `All values of t are equal to ${t.reduce((s, v) => s + v, 0) / R}: cannot calculate confidence intervals` };
  t.sort((a, b) => a - b);
  // boot's alpha <- (1 + c(-conf, conf))/2.
  const alpha = [(1 + -level) / 2, (1 + level) / 2];
  const rk = alpha.map((a) => (R + 1) * a);
  const warning = rk.every((r) => r > 1 && r < R) ? null : 'extreme order statistics used as endpoints';
  const ends = alpha.map((a, j) => {
    const k = Math.trunc(rk[j]);
    if (k === 0) return t[0];
    if (k === R) return t[R - 1];
    if (k === rk[j]) return t[k - 1];
    const z = qnorm(a);
    const zk = qnorm(k / (R + 1));
    const zk1 = qnorm((k + 1) / (R + 1));
    const tk = t[k - 1];
    const tk1 = t[k];
    return tk + ((z - zk) / (zk1 - zk)) * (tk1 - tk);
  });
  return { interval: [ends[0], ends[1]], warning };
}

/** boot's const(t, min(1e-8, mean(t)/1e6)): every value within eps of the mean. */
function allEqual(t: readonly number[]): boolean {
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  const eps = Math.min(1e-8, mean / 1e6);
  return t.every((v) => Math.abs(v - mean) < eps);
}
