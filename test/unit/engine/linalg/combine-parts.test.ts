import { describe, expect, it } from 'vitest';
import { combineParts, type RowPart } from '../../../../src-main/engine/linalg/combine-parts';

/** Σ R'R of the parts, their columns put in place: c × c, row-major. */
function stackedCrossProduct(parts: RowPart[], c: number): number[][] {
  const G = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (const { R, rows, columns } of parts) {
    columns.forEach((a, qa) =>
      columns.forEach((b, qb) => {
        for (let r = 0; r < rows; r++) G[a][b] += R[qa * rows + r] * R[qb * rows + r];
      }),
    );
  }
  return G;
}

describe('combineParts', () => {
  it("keeps S'S = Σ R'R with own columns (one part each), shared columns, and a column no part has", () => {
    const c = 6;
    // Column 5 is in no part (an indicator of a level without rows): S's column stays zero.
    const parts: RowPart[] = [
      { R: Float64Array.from([2, 0, 1, 3, -1, 0.5, 4, 1, 2]), rows: 3, columns: Int32Array.from([0, 1, 4]) },
      { R: Float64Array.from([1, 1, 2, -2, 0.5, 0.25]), rows: 2, columns: Int32Array.from([0, 2, 4]) },
      { R: Float64Array.from([3, 1, 1, 0, 2, 5]), rows: 3, columns: Int32Array.from([3, 0]) },
    ];
    const S = combineParts(parts, c);
    const expected = stackedCrossProduct(parts, c);
    for (let a = 0; a < c; a++) {
      for (let b = 0; b < c; b++) {
        let s = 0;
        for (let r = 0; r < c; r++) s += S[a * c + r] * S[b * c + r];
        expect(s).toBeCloseTo(expected[a][b], 12);
      }
    }
    expect(Array.from(S.subarray(5 * c, 6 * c))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
