import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../../src-main/engine/data/column';
import { ProjectStore } from '../../../../src-main/services/project/store';
import { tempDir } from './helpers';

const ROWS = 1_000_000;

function millionRows(): Column[] {
  const columns: Column[] = [];
  for (let j = 0; j < 8; j++) {
    const values = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) values[i] = i % 97 === j ? NaN : i * (j + 1) + 0.5;
    columns.push({ name: `x${j}`, kind: 'numeric', values });
  }
  const codes = new Int32Array(ROWS);
  for (let i = 0; i < ROWS; i++) codes[i] = i % 11 === 0 ? -1 : i % 40;
  columns.push({ name: 'g', kind: 'factor', codes, levels: Array.from({ length: 40 }, (_, k) => `school ${k}`) });
  const flag = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) flag[i] = i & 1;
  columns.push({ name: 'flag', kind: 'logical', values: flag });
  return columns;
}

function ms(since: number): number {
  return Math.round((performance.now() - since) * 100) / 100;
}

describe('a 1,000,000 × 10 dataset', () => {
  it('pages from decoded columns in memory instead of decoding blobs for every page', () => {
    const workDir = tempDir();
    const store = ProjectStore.create({ workDir });
    const columns = millionRows();

    let t = performance.now();
    const info = store.addDataset({ name: 'big', source: 'generated', columns });
    const addMs = ms(t);
    expect(info.rows).toBe(ROWS);
    expect(info.columns.find((c) => c.name === 'x0')?.missing).toBe(Math.ceil(ROWS / 97));
    expect(info.columns.find((c) => c.name === 'g')?.missing).toBe(Math.ceil(ROWS / 11));

    t = performance.now();
    const first = store.page({ datasetId: info.id, rowStart: 500_000, rowCount: 200, columnStart: 0, columnCount: 10 });
    const coldMs = ms(t);
    expect(first.rowCount).toBe(200);
    expect(first.columns[1].cells[0]).toBe(500_000 * 2 + 0.5);
    // Row 500,000 is not a multiple of 11, so it has a level: 500,000 mod 40 = 0.
    expect(first.columns[8].cells[0]).toBe('school 0');
    expect(first.columns[8].cells[1]).toBe('school 1');
    expect(first.columns[8].cells[5]).toBe(null); // 500,005 = 11 × 45,455

    const pages = 200;
    t = performance.now();
    for (let k = 0; k < pages; k++) {
      const rowStart = (k * 4999) % (ROWS - 200);
      const page = store.page({ datasetId: info.id, rowStart, rowCount: 200, columnStart: 0, columnCount: 10 });
      expect(page.columns[0].cells[199]).toBe((rowStart + 199) % 97 === 0 ? null : rowStart + 199 + 0.5);
    }
    const warmMs = ms(t) / pages;

    const last = store.page({ datasetId: info.id, rowStart: ROWS - 150, rowCount: 200, columnStart: 8, columnCount: 5 });
    expect(last.rowCount).toBe(150);
    expect(last.columns.map((c) => c.name)).toEqual(['g', 'flag']);
    expect(last.columns[1].cells[149]).toBe(1);

    const file = path.join(tempDir(), 'big.nestor');
    t = performance.now();
    store.saveAs(file);
    const saveMs = ms(t);
    store.close();

    t = performance.now();
    const reopened = ProjectStore.open(file, { workDir });
    const openMs = ms(t);
    t = performance.now();
    const again = reopened.page({ datasetId: info.id, rowStart: 999_800, rowCount: 200, columnStart: 0, columnCount: 10 });
    const reopenedColdMs = ms(t);
    expect(again.columns[0].cells[199]).toBe(999_999 + 0.5);
    reopened.close();

    console.log(
      `1,000,000 × 10: addDataset ${addMs} ms; first 200-row page (decodes 10 columns) ${coldMs} ms; ` +
        `later 200-row pages ${warmMs.toFixed(3)} ms each; saveAs ${saveMs} ms; open (check + copy) ${openMs} ms; ` +
        `first page after reopening ${reopenedColdMs} ms`,
    );
    // The property that matters for scrolling: later pages do not pay the decoding cost again.
    expect(warmMs).toBeLessThan(coldMs / 5);
  });
});
