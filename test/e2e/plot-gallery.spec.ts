import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { examHostWithFits } from './support/exam-host';
import { screenshot } from './support/ui';

/**
 * Issue 7's acceptance walk: every plot kind of Exam m3 (normexam ~ standLRT + (standLRT | school))
 * and every data plot of Exam, opened in the browser host, shot, and exported as PNG and SVG; each
 * file is checked (PNG signature and 2× size, SVG well-formed with the figure's size). Then a click
 * on a point of the diagnostics shows that row in the Data grid.
 */
const OUT = join('test-results', 'screenshots', 'gallery');
mkdirSync(OUT, { recursive: true });
const exam = examHostWithFits([{ kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true }]);

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The figure's CSS size: the box of its panels (and title band) inside the figure element. */
async function figureBox(page: Page): Promise<{ width: number; height: number }> {
  type Box = { left: number; top: number; right: number; bottom: number };
  type El = { getBoundingClientRect(): Box; clientLeft: number; clientTop: number; querySelectorAll(s: string): ArrayLike<El> };
  return page.getByTestId('plot-figure').evaluate((node) => {
    const figure = node as unknown as El;
    const origin = figure.getBoundingClientRect();
    let right = 0;
    let bottom = 0;
    for (const c of Array.from(figure.querySelectorAll('canvas'))) {
      const r = c.getBoundingClientRect();
      right = Math.max(right, r.right - origin.left - figure.clientLeft);
      bottom = Math.max(bottom, r.bottom - origin.top - figure.clientTop);
    }
    return { width: Math.round(right), height: Math.round(bottom) };
  });
}

/** Save PNG and Save SVG of the figure on screen, and check both files; returns the SVG's text. */
async function exportBoth(page: Page, name: string): Promise<string> {
  const box = await figureBox(page);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  const png = await readDownload(pngDownload);
  await pngDownload.saveAs(join(OUT, `${name}.png`));
  expect([...png.subarray(0, 8)], `${name}: PNG signature`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(Math.abs(png.readUInt32BE(16) - 2 * box.width), `${name}: PNG width is 2× the figure`).toBeLessThanOrEqual(2);
  expect(Math.abs(png.readUInt32BE(20) - 2 * box.height), `${name}: PNG height is 2× the figure`).toBeLessThanOrEqual(2);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-svg').click()]);
  const svg = (await readDownload(svgDownload)).toString('utf8');
  await svgDownload.saveAs(join(OUT, `${name}.svg`));
  const parsed = await page.evaluate((source) => {
    type Root = { nodeName: string; getAttribute(n: string): string | null; querySelectorAll(s: string): { length: number } };
    type Doc = { documentElement: Root; getElementsByTagName(n: string): { length: number } };
    const g = globalThis as unknown as { DOMParser: new () => { parseFromString(s: string, t: string): Doc } };
    const doc = new g.DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      ok: root.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      drawn: root.querySelectorAll('path, rect, line, circle, text').length,
    };
  }, svg);
  expect(parsed.ok, `${name}: SVG well-formed`).toBe(true);
  expect(Math.abs(parsed.width - box.width), `${name}: SVG width`).toBeLessThanOrEqual(1);
  expect(Math.abs(parsed.height - box.height), `${name}: SVG height`).toBeLessThanOrEqual(1);
  expect(parsed.drawn, `${name}: SVG has drawing`).toBeGreaterThan(20);
  return svg;
}

test('every model plot of Exam m3 and every data plot: on screen, as PNG and as SVG; a point leads to its row', async ({ page }) => {
  test.setTimeout(180_000);
  await exam.open(page);
  await page.getByTestId('tab-results').click();
  await page.getByTestId('plot-model-button').click();

  // Every tab the model offers.
  const tabs = page.getByTestId('plot-tab');
  const labels = await tabs.allTextContents();
  expect(labels.length).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < labels.length; i++) {
    await tabs.nth(i).click();
    await expect(page.getByTestId('plot-panel').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('plot-save-svg')).toBeVisible();
    const name = `m3-${labels[i].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    await screenshot(page, `gallery-${name}`);
    const svg = await exportBoth(page, name);
    // The two red lowess curves (residuals vs fitted, scale-location) are in the SVG, not only on screen.
    if (labels[i] === 'Diagnostics') expect(svg.match(/stroke="#d0312d"/g)?.length).toBe(2);
  }

  // Every kind of data plot, with its defaults on Exam.
  await page.getByTestId('plots-section-data').click();
  const kinds = await page.getByTestId('data-plot-kind').locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  expect(kinds.length).toBeGreaterThanOrEqual(5);
  for (const kind of kinds) {
    await page.getByTestId('data-plot-kind').selectOption(kind);
    if (kind === 'lines') {
      // Exam has 4,059 rows: lines of a few schools read best.
      await page.getByTestId('data-plot-subset').selectOption('random');
    }
    await expect(page.getByTestId('plot-panel').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('plot-caption')).not.toHaveText('');
    await screenshot(page, `gallery-data-${kind}`);
    await exportBoth(page, `data-${kind}`);
  }

  // A point of the diagnostics' first panel: clicked, the Data view shows its row, marked.
  await page.getByTestId('plots-section-models').click();
  await page.getByRole('tab', { name: 'Diagnostics' }).click();
  const panel = page.getByTestId('plot-panel').first();
  await expect(panel).toBeVisible({ timeout: 30_000 });
  type Canvas = { width: number; height: number; clientWidth: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
  const hit = await panel.locator('canvas').evaluate((node) => {
    const canvas = node as unknown as Canvas;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const { width, height } = canvas;
    const image = ctx.getImageData(0, 0, width, height).data;
    // An ink pixel of a point's ring, inside the plot area (away from axes and titles).
    for (let y = Math.round(height * 0.3); y < height * 0.7; y++) {
      for (let x = Math.round(width * 0.35); x < width * 0.9; x++) {
        const k = (y * width + x) * 4;
        if (image[k] < 70 && image[k + 1] < 70 && image[k + 2] < 80 && image[k + 3] > 200) {
          const ratio = width / canvas.clientWidth;
          return { x: x / ratio, y: y / ratio };
        }
      }
    }
    return null;
  });
  expect(hit).not.toBeNull();
  await panel.click({ position: hit! });
  const marked = page.locator('[role="row"][aria-selected="true"]');
  await expect(marked).toHaveCount(1, { timeout: 10_000 });
  await screenshot(page, 'gallery-row-revealed');
});
