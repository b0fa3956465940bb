import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * lme4's profiled deviance (REML criterion or ML deviance) of two small models, written
 * directly so the optimiser can be tested on the function it will minimise:
 *   d(θ) = log|L_θ|² [+ log|R_X|²] + ν(1 + log(2π r²(θ)/ν)),  ν = N − p (REML) or N (ML),
 * with L_θL_θᵀ = Λ_θᵀZᵀZΛ_θ + I, R_X the Cholesky factor of the Schur complement of
 * that block in the penalised least-squares system, and r² its minimum. Both models
 * have one block of Λ per group, so every solve is per group.
 */

function readCsv(name: string): string[][] {
  const text = readFileSync(resolve(import.meta.dirname, '../../../../resources/sample-data', name), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')));
}

/** Yield ~ 1 + (1 | Batch): with w_i = n_i/(1 + n_iθ²) everything has a closed form. */
export function dyestuffDeviance(reml: boolean): (theta: Float64Array) => number {
  const byBatch = new Map<string, number[]>();
  for (const [batch, y] of readCsv('dyestuff.csv')) {
    const list = byBatch.get(batch) ?? [];
    list.push(Number(y));
    byBatch.set(batch, list);
  }
  const groups = [...byBatch.values()];
  const sizes = groups.map((g) => g.length);
  const means = groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  let within = 0;
  groups.forEach((g, i) => g.forEach((y) => (within += (y - means[i]) ** 2)));
  const nu = reml ? total - 1 : total;
  return (theta) => {
    const t2 = theta[0] * theta[0];
    let logDetL = 0;
    let sumW = 0;
    let sumWY = 0;
    for (let i = 0; i < sizes.length; i++) {
      logDetL += Math.log1p(sizes[i] * t2);
      const w = sizes[i] / (1 + sizes[i] * t2);
      sumW += w;
      sumWY += w * means[i];
    }
    const mu = sumWY / sumW;
    let r2 = within;
    for (let i = 0; i < sizes.length; i++) r2 += (sizes[i] / (1 + sizes[i] * t2)) * (means[i] - mu) ** 2;
    return logDetL + (reml ? Math.log(sumW) : 0) + nu * (1 + Math.log((2 * Math.PI * r2) / nu));
  };
}

/**
 * Reaction ~ Days + (Days | Subject): Λ has the block T = [θ1 0; θ2 θ3] per subject,
 * X = [1, Days] (p = 2). Per subject i, M_i = TᵀZ_iᵀZ_iT + I = L_iL_iᵀ (2 × 2),
 * R_ZX,i = L_i⁻¹TᵀZ_iᵀX and c_i = L_i⁻¹TᵀZ_iᵀy; then R_XᵀR_X = XᵀX − Σ R_ZX,iᵀR_ZX,i and
 * r² = yᵀy − Σ‖c_i‖² − c_βᵀ(R_XᵀR_X)⁻¹c_β with c_β = Xᵀy − Σ R_ZX,iᵀc_i.
 */
export function sleepstudyDeviance(reml: boolean): (theta: Float64Array) => number {
  const bySubject = new Map<string, { day: number; y: number }[]>();
  for (const [reaction, days, subject] of readCsv('sleepstudy.csv')) {
    const list = bySubject.get(subject) ?? [];
    list.push({ day: Number(days), y: Number(reaction) });
    bySubject.set(subject, list);
  }
  // Per subject the cross products ZᵀZ = XᵀX (= [n Σd; Σd Σd²]) and Zᵀy = Xᵀy (= [Σy, Σdy]), since Z_i = X_i.
  const stats = [...bySubject.values()].map((rows) => {
    let n = 0, sd = 0, sdd = 0, sy = 0, sdy = 0, syy = 0;
    for (const { day, y } of rows) {
      n += 1;
      sd += day;
      sdd += day * day;
      sy += y;
      sdy += day * y;
      syy += y * y;
    }
    return { n, sd, sdd, sy, sdy, syy };
  });
  const total = stats.reduce((a, s) => a + s.n, 0);
  const nu = reml ? total - 2 : total;
  return (theta) => {
    const [t1, t2, t3] = theta;
    let logDetL = 0;
    let yy = 0;
    let cc = 0;
    // Accumulated XᵀX − Σ R_ZXᵀR_ZX (symmetric 2 × 2) and c_β.
    let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (const s of stats) {
      // G = ZᵀZ, g = Zᵀy; TᵀGT and Tᵀg with T = [t1 0; t2 t3].
      const g11 = s.n, g12 = s.sd, g22 = s.sdd;
      const tg11 = t1 * g11 + t2 * g12, tg12 = t1 * g12 + t2 * g22; // row 1 of TᵀG
      const tg21 = t3 * g12, tg22 = t3 * g22; // row 2 of TᵀG
      const m11 = tg11 * t1 + tg12 * t2 + 1;
      const m12 = tg12 * t3;
      const m22 = tg22 * t3 + 1;
      const l11 = Math.sqrt(m11);
      const l21 = m12 / l11;
      const l22 = Math.sqrt(m22 - l21 * l21);
      logDetL += 2 * Math.log(l11 * l22);
      // Rows of TᵀZᵀX = TᵀG (Z_i = X_i), forward-solved with L.
      const r11 = tg11 / l11, r12 = tg12 / l11;
      const r21 = (tg21 - l21 * r11) / l22, r22 = (tg22 - l21 * r12) / l22;
      const ty1 = t1 * s.sy + t2 * s.sdy;
      const ty2 = t3 * s.sdy;
      const c1 = ty1 / l11;
      const c2 = (ty2 - l21 * c1) / l22;
      a11 += g11 - r11 * r11 - r21 * r21;
      a12 += g12 - r11 * r12 - r21 * r22;
      a22 += g22 - r12 * r12 - r22 * r22;
      b1 += s.sy - r11 * c1 - r21 * c2;
      b2 += s.sdy - r12 * c1 - r22 * c2;
      yy += s.syy;
      cc += c1 * c1 + c2 * c2;
    }
    const det = a11 * a22 - a12 * a12;
    const quad = (a22 * b1 * b1 - 2 * a12 * b1 * b2 + a11 * b2 * b2) / det;
    const r2 = yy - cc - quad;
    return logDetL + (reml ? Math.log(det) : 0) + nu * (1 + Math.log((2 * Math.PI * r2) / nu));
  };
}
