/**
 * The numeric supernodal Cholesky (see supernodal.ts for the layout): `a` has n columns and
 * n + m rows, row-major, with the panels zeroed and the matrix's lower triangle assembled, and
 * m right-hand sides as the rows n..n+m−1 (dense); on return the panels hold L and those rows
 * hold L⁻¹ applied to the right-hand sides (they are treated as rows below every supernode, so
 * the forward solve runs while each panel is in cache). False when the matrix is not positive
 * definite.
 *
 * Per supernode [c0, c1) with rows below B: the diagonal block by Crout, then each
 * row of B against it, then a[i, j] −= L[i, c0:c1]·L[j, c0:c1] for i ≥ j in B. Every
 * product runs over the supernode's contiguous columns, four rows against four rows
 * (sixteen running sums sharing eight loads), as in dense.ts.
 */
export function factorSupernodal(a: Float64Array, n: number, m: number, start: Int32Array, rowPtr: Int32Array, rows: Int32Array): boolean {
  for (let s = 0; s + 1 < start.length; s++) {
    const b0 = rowPtr[s];
    const b1 = rowPtr[s + 1];
    if (!kernels.panel(a, n, start[s], start[s + 1], rows, b0, b1)) return false;
    kernels.extraRows(a, n, m, start[s], start[s + 1]);
    if (b1 > b0) {
      kernels.update(a, n, rows, b0, b1, start[s], start[s + 1], 0, 1);
      kernels.updateExtra(a, n, m, rows, b0, b1, start[s], start[s + 1]);
    }
  }
  return true;
}

export type SupernodalKernels = ReturnType<typeof supernodalKernels>;

/**
 * The kernels, built by one self-contained function so that a worker thread can run
 * the same source (parallel.ts passes `supernodalKernels.toString()`): nothing in here
 * may refer to anything outside it. Work is shared between threads by `first` and
 * `step`: a thread takes the units first, first + step, …
 */
export function supernodalKernels() {
  /** The diagonal block and the rows below of supernode [c0, c1); false if not positive definite. */
  function panel(a: Float64Array, n: number, c0: number, c1: number, rows: Int32Array, b0: number, b1: number): boolean {
    if (!diagonalBlock(a, n, c0, c1)) return false;
    let p = b0;
    for (; p + 3 < b1; p += 4) rowsBelow(a, n, rows[p] * n, rows[p + 1] * n, rows[p + 2] * n, rows[p + 3] * n, c0, c1);
    for (; p < b1; p++) for (let j = c0; j < c1; j++) entry(a, n, rows[p] * n, j, c0);
    return true;
  }

  /** The m right-hand-side rows n..n+m−1 against supernode [c0, c1) (after its panel). */
  function extraRows(a: Float64Array, n: number, m: number, c0: number, c1: number): void {
    let x = 0;
    for (; x + 3 < m; x += 4) rowsBelow(a, n, (n + x) * n, (n + x + 1) * n, (n + x + 2) * n, (n + x + 3) * n, c0, c1);
    for (; x < m; x++) for (let j = c0; j < c1; j++) entry(a, n, (n + x) * n, j, c0);
  }

  /** a[n + x, j] −= L[n + x, c0:c1]·L[j, c0:c1] for the right-hand-side rows and the rows j of rows[b0..b1). */
  function updateExtra(a: Float64Array, n: number, m: number, rows: Int32Array, b0: number, b1: number, c0: number, c1: number): void {
    for (let x = 0; x < m; x++) pairs(a, n, n + x, rows, b0, b1 - 1, c0, c1);
  }

  /**
   * The diagonal block of [c0, c1) with no rows below (the dense trailing block), four rows
   * ("a group") at a time, groups first, first + step, … here. With step > 1 another thread
   * does the others: ctl[progress] counts the groups finished (in order), ctl[failed] ≠ 0
   * stops both; a group waits for each earlier group it reads.
   */
  function denseGroups(a: Float64Array, n: number, c0: number, c1: number, first: number, step: number, ctl: Int32Array, progress: number, failed: number): boolean {
    const groups = (c1 - c0 + 3) >> 2;
    // Spin a little (the other thread is usually a tile away), then sleep until notified.
    const waitFor = (done: number): boolean => {
      for (let spin = 0; ; spin++) {
        const now = Atomics.load(ctl, progress);
        if (now >= done) return true;
        if (Atomics.load(ctl, failed) !== 0) return false;
        if (spin > 20000) Atomics.wait(ctl, progress, now, 5);
      }
    };
    const fail = (): boolean => {
      Atomics.store(ctl, failed, 1);
      Atomics.notify(ctl, progress);
      return false;
    };
    for (let g = first; g < groups; g += step) {
      const i0 = c0 + 4 * g;
      if (i0 + 3 < c1) {
        const r0 = i0 * n;
        for (let h = 0; h < g; h++) {
          if (!waitFor(h + 1)) return false;
          tile(a, n, r0, r0 + n, r0 + 2 * n, r0 + 3 * n, c0 + 4 * h, c0);
        }
        for (let i = i0; i < i0 + 4; i++) if (!finishRow(a, n, i, i0, c0)) return fail();
      } else {
        if (!waitFor(g)) return false;
        for (let i = i0; i < c1; i++) if (!finishRow(a, n, i, c0, c0)) return fail();
      }
      if (!waitFor(g)) return false;
      Atomics.store(ctl, progress, g + 1);
      Atomics.notify(ctl, progress);
    }
    return true;
  }

  /** Crout on rows and columns c0..c1−1, products from column c0. */
  function diagonalBlock(a: Float64Array, n: number, c0: number, c1: number): boolean {
    let i0 = c0;
    for (; i0 + 3 < c1; i0 += 4) {
      const r0 = i0 * n;
      for (let j0 = c0; j0 < i0; j0 += 4) tile(a, n, r0, r0 + n, r0 + 2 * n, r0 + 3 * n, j0, c0);
      for (let i = i0; i < i0 + 4; i++) if (!finishRow(a, n, i, i0, c0)) return false;
    }
    for (; i0 < c1; i0++) if (!finishRow(a, n, i0, c0, c0)) return false;
    return true;
  }

  /** Rows at offsets r0..r3 (below the supernode) against its columns c0..c1−1. */
  function rowsBelow(a: Float64Array, n: number, r0: number, r1: number, r2: number, r3: number, c0: number, c1: number): void {
    let j0 = c0;
    for (; j0 + 3 < c1; j0 += 4) tile(a, n, r0, r1, r2, r3, j0, c0);
    for (; j0 < c1; j0++) {
      entry(a, n, r0, j0, c0);
      entry(a, n, r1, j0, c0);
      entry(a, n, r2, j0, c0);
      entry(a, n, r3, j0, c0);
    }
  }

  /** L[i, j] for the row at offset ri, products from column c0. */
  function entry(a: Float64Array, n: number, ri: number, j: number, c0: number): void {
    const rj = j * n;
    let v = a[ri + j];
    for (let k = c0; k < j; k++) v -= a[ri + k] * a[rj + k];
    a[ri + j] = v / a[rj + j];
  }

  /**
   * Rows at offsets r0..r3, columns j0..j0+3 of L: subtract the products over columns
   * from..j0−1, then those within the tile, and divide by the diagonal.
   */
  function tile(a: Float64Array, n: number, r0: number, r1: number, r2: number, r3: number, j0: number, from: number): void {
    const q0 = j0 * n;
    const q1 = q0 + n;
    const q2 = q1 + n;
    const q3 = q2 + n;
    let s00 = a[r0 + j0], s01 = a[r0 + j0 + 1], s02 = a[r0 + j0 + 2], s03 = a[r0 + j0 + 3];
    let s10 = a[r1 + j0], s11 = a[r1 + j0 + 1], s12 = a[r1 + j0 + 2], s13 = a[r1 + j0 + 3];
    let s20 = a[r2 + j0], s21 = a[r2 + j0 + 1], s22 = a[r2 + j0 + 2], s23 = a[r2 + j0 + 3];
    let s30 = a[r3 + j0], s31 = a[r3 + j0 + 1], s32 = a[r3 + j0 + 2], s33 = a[r3 + j0 + 3];
    for (let k = from; k < j0; k++) {
      const x0 = a[r0 + k], x1 = a[r1 + k], x2 = a[r2 + k], x3 = a[r3 + k];
      const y0 = a[q0 + k], y1 = a[q1 + k], y2 = a[q2 + k], y3 = a[q3 + k];
      s00 -= x0 * y0; s01 -= x0 * y1; s02 -= x0 * y2; s03 -= x0 * y3;
      s10 -= x1 * y0; s11 -= x1 * y1; s12 -= x1 * y2; s13 -= x1 * y3;
      s20 -= x2 * y0; s21 -= x2 * y1; s22 -= x2 * y2; s23 -= x2 * y3;
      s30 -= x3 * y0; s31 -= x3 * y1; s32 -= x3 * y2; s33 -= x3 * y3;
    }
    // The triangle within the tile: column j0 + c needs columns j0..j0+c−1 of the same rows.
    const d0 = a[q0 + j0];
    s00 /= d0; s10 /= d0; s20 /= d0; s30 /= d0;
    const l10 = a[q1 + j0];
    const d1 = a[q1 + j0 + 1];
    s01 = (s01 - s00 * l10) / d1; s11 = (s11 - s10 * l10) / d1; s21 = (s21 - s20 * l10) / d1; s31 = (s31 - s30 * l10) / d1;
    const l20 = a[q2 + j0], l21 = a[q2 + j0 + 1];
    const d2 = a[q2 + j0 + 2];
    s02 = (s02 - s00 * l20 - s01 * l21) / d2; s12 = (s12 - s10 * l20 - s11 * l21) / d2;
    s22 = (s22 - s20 * l20 - s21 * l21) / d2; s32 = (s32 - s30 * l20 - s31 * l21) / d2;
    const l30 = a[q3 + j0], l31 = a[q3 + j0 + 1], l32 = a[q3 + j0 + 2];
    const d3 = a[q3 + j0 + 3];
    s03 = (s03 - s00 * l30 - s01 * l31 - s02 * l32) / d3; s13 = (s13 - s10 * l30 - s11 * l31 - s12 * l32) / d3;
    s23 = (s23 - s20 * l30 - s21 * l31 - s22 * l32) / d3; s33 = (s33 - s30 * l30 - s31 * l31 - s32 * l32) / d3;
    a[r0 + j0] = s00; a[r0 + j0 + 1] = s01; a[r0 + j0 + 2] = s02; a[r0 + j0 + 3] = s03;
    a[r1 + j0] = s10; a[r1 + j0 + 1] = s11; a[r1 + j0 + 2] = s12; a[r1 + j0 + 3] = s13;
    a[r2 + j0] = s20; a[r2 + j0 + 1] = s21; a[r2 + j0 + 2] = s22; a[r2 + j0 + 3] = s23;
    a[r3 + j0] = s30; a[r3 + j0 + 1] = s31; a[r3 + j0 + 2] = s32; a[r3 + j0 + 3] = s33;
  }

  /** Row i's entries in columns from..i (its columns c0..from−1 done), products from column c0. */
  function finishRow(a: Float64Array, n: number, i: number, from: number, c0: number): boolean {
    const ri = i * n;
    for (let j = from; j < i; j++) {
      const rj = j * n;
      let v = a[ri + j];
      for (let k = c0; k < j; k++) v -= a[ri + k] * a[rj + k];
      a[ri + j] = v / a[rj + j];
    }
    let v = a[ri + i];
    for (let k = c0; k < i; k++) v -= a[ri + k] * a[ri + k];
    if (!(v > 0)) return false;
    a[ri + i] = Math.sqrt(v);
    return true;
  }

  /**
   * a[i, j] −= L[i, c0:c1]·L[j, c0:c1] for the pairs i ≥ j of rows[b0..b1), by blocks of four
   * rows i: this call does the blocks m that `owner` gives to `first` of `step` threads.
   */
  function update(a: Float64Array, n: number, rows: Int32Array, b0: number, b1: number, c0: number, c1: number, first: number, step: number): void {
    const full = (b1 - b0) >> 2;
    for (let m = 0; m < full; m++) {
      if (owner(m, step) !== first) continue;
      const p = b0 + 4 * m;
      const i0 = rows[p], i1 = rows[p + 1], i2 = rows[p + 2], i3 = rows[p + 3];
      const r0 = i0 * n, r1 = i1 * n, r2 = i2 * n, r3 = i3 * n;
      for (let q = b0; q < p; q += 4) {
        const j0 = rows[q], j1 = rows[q + 1], j2 = rows[q + 2], j3 = rows[q + 3];
        const q0 = j0 * n, q1 = j1 * n, q2 = j2 * n, q3 = j3 * n;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let k = c0; k < c1; k++) {
          const x0 = a[r0 + k], x1 = a[r1 + k], x2 = a[r2 + k], x3 = a[r3 + k];
          const y0 = a[q0 + k], y1 = a[q1 + k], y2 = a[q2 + k], y3 = a[q3 + k];
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
          s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        a[r0 + j0] -= s00; a[r0 + j1] -= s01; a[r0 + j2] -= s02; a[r0 + j3] -= s03;
        a[r1 + j0] -= s10; a[r1 + j1] -= s11; a[r1 + j2] -= s12; a[r1 + j3] -= s13;
        a[r2 + j0] -= s20; a[r2 + j1] -= s21; a[r2 + j2] -= s22; a[r2 + j3] -= s23;
        a[r3 + j0] -= s30; a[r3 + j1] -= s31; a[r3 + j2] -= s32; a[r3 + j3] -= s33;
      }
      for (let x = p; x < p + 4; x++) pairs(a, n, rows[x], rows, p, x, c0, c1);
    }
    if (owner(full, step) === first) for (let x = b0 + 4 * full; x < b1; x++) pairs(a, n, rows[x], rows, b0, x, c0, c1);
  }

  /**
   * Which of `step` threads takes block m. Block m's work grows with m (it meets the m blocks
   * above it), so two threads alternate in pairs, 0 1 1 0 0 1 1 0 …: every four blocks give
   * each the same work, where plain alternation hands the second thread one block more each time.
   */
  function owner(m: number, step: number): number {
    return step === 2 ? (m ^ (m >> 1)) & 1 : m % step;
  }

  /** Row i against rows[q0..q1] (inclusive), one product at a time. */
  function pairs(a: Float64Array, n: number, i: number, rows: Int32Array, q0: number, q1: number, c0: number, c1: number): void {
    const ri = i * n;
    for (let q = q0; q <= q1; q++) {
      const j = rows[q];
      const rj = j * n;
      let v = 0;
      for (let k = c0; k < c1; k++) v += a[ri + k] * a[rj + k];
      a[ri + j] -= v;
    }
  }

  /**
   * l22[i, ·] −= the panels' products for rows i of [from, to) (scalar first term; see
   * later-assembly.ts for the layout of the incidence lists).
   */
  function subtractRows(
    l22: Float64Array,
    n: number,
    from: number,
    to: number,
    incPtr: Int32Array,
    incAt: Int32Array,
    incStart: Int32Array,
    sortedNew: Int32Array,
    sorted: Float64Array,
  ): void {
    for (let i = from; i < to; i++) {
      const row = i * n;
      const kEnd = incPtr[i + 1];
      for (let k = incPtr[i]; k < kEnd; k++) {
        const t = incAt[k];
        const li = sorted[t];
        for (let u = incStart[k]; u <= t; u++) l22[row + sortedNew[u]] -= li * sorted[u];
      }
    }
  }

  return { panel, extraRows, update, updateExtra, denseGroups, subtractRows };
}

export const kernels = supernodalKernels();
