import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { thinIndices } from '../src-main/engine/plots/thinning';
import { normalGenerator } from './support/random';
import { median } from './support/timing';

/**
 * A scatter of 1,000,000 points, from the engine's numbers to pixels: the
 * engine's thinning (one point per occupied cell of a fine grid, sparse cells
 * whole, at most 20,000 points) and then chart.js drawing what is left in
 * Chromium, at the 2× ratio of every figure, with the options of our scatter
 * panels. Goal: under a second in all. Without Chromium only the engine part
 * is timed, and the table says so.
 */
export interface PlotDrawRow {
  points: number;
  drawn: number;
  thinSeconds: number;
  drawSeconds: number | null;
  note: string;
}

const N = 1_000_000;
const RUNS = 5;

export async function benchPlotDraw(repo: string): Promise<PlotDrawRow> {
  const z = normalGenerator(20261124);
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[i] = z();
    y[i] = 0.6 * x[i] + 0.8 * z();
  }
  // A few far points, the ones thinning must keep.
  for (let k = 0; k < 20; k++) {
    x[k * 1000] = 6 + k / 10;
    y[k * 1000] = -5;
  }
  const all = Int32Array.from({ length: N }, (_, i) => i);
  let kept: number[] = [];
  const thinTimes: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const start = performance.now();
    kept = thinIndices(all, x, y);
    if (r > 0) thinTimes.push((performance.now() - start) / 1000);
  }
  const points = kept.map((i) => ({ x: x[i], y: y[i], row: i + 1 }));
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    return { points: N, drawn: kept.length, thinSeconds: median(thinTimes), drawSeconds: null, note: `no Chromium at ${chromium}: drawing not timed` };
  }
  const require = createRequire(`${repo}/package.json`);
  const { chromium: launcher } = require('playwright-core') as typeof import('playwright-core');
  const browser = await launcher.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.setContent('<!doctype html><html><body style="margin:0"><canvas id="c"></canvas></body></html>');
    // The UMD build is not among chart.js's exports: it sits beside the CommonJS entry in dist/.
    await page.addScriptTag({ path: join(dirname(require.resolve('chart.js')), 'chart.umd.min.js') });
    const drawTimes = await page.evaluate(
      ({ data, runs }) => {
        type ChartCtor = new (el: unknown, config: unknown) => { resize(w: number, h: number): void; destroy(): void };
        const g = globalThis as unknown as { Chart: ChartCtor; document: { getElementById(id: string): unknown } };
        const canvas = g.document.getElementById('c');
        const times: number[] = [];
        for (let r = 0; r <= runs; r++) {
          const start = performance.now();
          const chart = new g.Chart(canvas, {
            type: 'scatter',
            data: { datasets: [{ data, pointRadius: 1.6, borderWidth: 0.8, backgroundColor: 'rgba(0,0,0,0)', borderColor: '#1d2329' }] },
            options: { animation: false, responsive: false, devicePixelRatio: 2, parsing: false, normalized: true, plugins: { legend: { display: false } } },
          });
          chart.resize(640, 480);
          if (r > 0) times.push((performance.now() - start) / 1000);
          chart.destroy();
        }
        return times;
      },
      { data: points, runs: RUNS },
    );
    return { points: N, drawn: kept.length, thinSeconds: median(thinTimes), drawSeconds: median(drawTimes), note: `chart.js in ${chromium}, 640×480 at 2×` };
  } finally {
    await browser.close();
  }
}

export function formatPlotDraw(row: PlotDrawRow): string {
  const total = row.thinSeconds + (row.drawSeconds ?? 0);
  const lines = [
    'Scatter of 1,000,000 points (goal: under 1 s from the engine\'s numbers to pixels)',
    `  engine thinning  ${row.points.toLocaleString('en-US')} → ${row.drawn.toLocaleString('en-US')} points   ${(row.thinSeconds * 1000).toFixed(0)} ms (median of ${RUNS})`,
    row.drawSeconds === null ? `  drawing          not timed (${row.note})` : `  chart.js draw    ${row.drawn.toLocaleString('en-US')} points   ${(row.drawSeconds * 1000).toFixed(0)} ms (median of ${RUNS}; ${row.note})`,
    `  total            ${(total * 1000).toFixed(0)} ms${row.drawSeconds === null ? ' (thinning only)' : total < 1 ? ' — under 1 s' : ' — OVER 1 s'}`,
  ];
  return lines.join('\n');
}
