import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { examHostWithFits } from './support/exam-host';
import { screenshot } from './support/ui';

/**
 * What every figure can do, on Exam's box plots and m1's caterpillar: Save SVG
 * (a well-formed document of the figure's size with its text), a title and axis
 * labels of one's own (on screen, in the SVG, kept through Save and Open), and
 * zoom with the keys and Reset zoom on a zoomable panel.
 */
const exam = examHostWithFits([{ kind: 'lmer', formula: 'normexam ~ standLRT + (standLRT | school)', reml: true }]);

type Parsed = { ok: boolean; width: string | null; height: string | null; text: string; nested: number };

/** Saves the figure as SVG and parses it with the page's DOMParser: well-formed, its size and its text. */
async function savedSvg(page: Page, fileName: string): Promise<Parsed> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-svg').click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const saved = join('test-results', 'screenshots', `figkit-export-${fileName}`);
  await download.saveAs(saved);
  const text = await readDownload(download);
  return page.evaluate((source) => {
    type Doc = { documentElement: { nodeName: string; getAttribute(n: string): string | null; textContent: string | null }; getElementsByTagName(n: string): { length: number } };
    const g = globalThis as unknown as { DOMParser: new () => { parseFromString(s: string, t: string): Doc } };
    const doc = new g.DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      ok: root.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0,
      width: root.getAttribute('width'),
      height: root.getAttribute('height'),
      text: root.textContent ?? '',
      nested: doc.getElementsByTagName('svg').length - 1,
    };
  }, text);
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function figureSize(page: Page): Promise<{ width: number; height: number }> {
  const boxes = await Promise.all((await page.getByTestId('plot-panel').all()).map((p) => p.boundingBox()));
  return { width: boxes.reduce((s, b) => s + b!.width, 0), height: Math.max(...boxes.map((b) => b!.height)) };
}

test('Save SVG, labels of one’s own, zoom and reset; labels and choices kept through Save and Open', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await exam.open(page);
  await page.keyboard.press('Alt+4');
  await page.getByTestId('plots-section-data').click();
  await page.getByTestId('data-plot-order').selectOption('median');
  await expect(page.getByTestId('plot-caption')).toContainText('65 boxes ordered by median');

  // The box plots as SVG: the figure's size, the axis titles as text, the boxes drawn by the plugin.
  const box = await figureSize(page);
  const plain = await savedSvg(page, 'Exam-normexam-by-school-box.svg');
  expect(plain.ok).toBe(true);
  expect([Number(plain.width), Number(plain.height)]).toEqual([box.width, box.height]);
  expect(plain.text).toContain('normexam');
  expect(plain.text).toContain('school');
  expect(plain.nested).toBe(1);

  // A title and a y label, from the keyboard: Escape cancels, Enter applies.
  await page.getByTestId('plot-labels').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plot-label-title')).toBeFocused();
  await expect(page.getByTestId('plot-label-y')).toHaveAttribute('placeholder', 'normexam');
  await page.keyboard.type('Not kept');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('plot-labels-form')).toHaveCount(0);
  await expect(page.getByTestId('plot-title')).toHaveCount(0);
  await expect(page.getByTestId('plot-labels')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Exam scores by school');
  await page.getByTestId('plot-label-y').fill('Normalised exam score');
  await page.screenshot({ path: join('test-results', 'screenshots', 'figkit-labels-form.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plot-title')).toHaveText('Exam scores by school');
  await screenshot(page, 'figkit-box-labelled');
  const labelled = await savedSvg(page, 'Exam-normexam-by-school-box.svg');
  expect(labelled.ok).toBe(true);
  expect([Number(labelled.width), Number(labelled.height)]).toEqual([box.width, box.height + 34]);
  expect(labelled.text).toContain('Exam scores by school');
  expect(labelled.text).toContain('Normalised exam score');
  // The PNG has the title too: a band above the panels, at 2×.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-save-png').click()]);
  await png.saveAs(join('test-results', 'screenshots', 'figkit-export-box-titled.png'));
  const pngBytes = readFileSync(join('test-results', 'screenshots', 'figkit-export-box-titled.png'));
  expect([pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)]).toEqual([2 * box.width, 2 * (box.height + 34)]);

  // m1's caterpillar: two zoomable panels side by side; the keys zoom the focused one, Reset zoom undoes it.
  await page.getByTestId('plots-section-models').click();
  const panel = page.getByTestId('plot-panel').nth(1);
  await expect(panel).toHaveAttribute('aria-label', 'standLRT by school');
  const before = await panel.getAttribute('data-x-range');
  expect(before).toMatch(/^-?[\d.e-]+ -?[\d.e-]+$/);
  const [min0, max0] = before!.split(' ').map(Number);
  await panel.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(panel).not.toHaveAttribute('data-x-range', before!);
  const [min1, max1] = (await panel.getAttribute('data-x-range'))!.split(' ').map(Number);
  expect(max1 - min1).toBeLessThan(0.7 * (max0 - min0));
  // Only the values zoom: the groups stay aligned with the first panel's labels.
  await expect(panel).toHaveAttribute('data-y-range', (await page.getByTestId('plot-panel').nth(0).getAttribute('data-y-range'))!);
  await screenshot(page, 'figkit-caterpillar-zoomed');
  // The export is what is shown: the zoomed panel's SVG has the figure's size and both panels.
  const size = await figureSize(page);
  const zoomedSvg = await savedSvg(page, 'm1-caterpillar.svg');
  expect(zoomedSvg.ok).toBe(true);
  expect([Number(zoomedSvg.width), Number(zoomedSvg.height)]).toEqual([size.width, size.height]);
  expect(zoomedSvg.nested).toBe(2);
  expect(zoomedSvg.text).toContain('(Intercept)');
  await page.getByTestId('plot-reset-zoom').click();
  await expect(panel).toHaveAttribute('data-x-range', before!);
  // The mouse wheel zooms too.
  await panel.hover();
  await page.mouse.wheel(0, -300);
  await expect(panel).not.toHaveAttribute('data-x-range', before!);
  await page.getByTestId('plot-reset-zoom').click();
  await expect(panel).toHaveAttribute('data-x-range', before!);
  // Dragging pans it.
  const area = (await panel.boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + 300);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width / 2 + 40, area.y + 300, { steps: 5 });
  await page.mouse.move(area.x + area.width / 2 + 80, area.y + 300, { steps: 5 });
  await page.mouse.up();
  await expect(panel).not.toHaveAttribute('data-x-range', before!);
  await page.getByTestId('plot-reset-zoom').click();
  await expect(panel).toHaveAttribute('data-x-range', before!);

  // A label on the caterpillar too, then Save, New, Open: both figures' labels and the box order are back.
  await page.getByTestId('plot-labels').click();
  await page.getByTestId('plot-label-x').fill('Departure from the mean');
  await page.getByTestId('plot-labels-apply').click();
  await screenshot(page, 'figkit-caterpillar-labelled');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = join(testInfo.outputDir, (await downloading).suggestedFilename());
  await (await downloading).saveAs(saved);
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('data-empty')).toBeVisible();
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-open').click();
  await (await choosing).setFiles(saved);
  // The project opens where it was saved: the Plots view, on m1's caterpillar.
  await expect(page.getByTestId('tab-plots')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('plot-panel')).toHaveCount(2);
  await page.getByTestId('plot-labels').click();
  await expect(page.getByTestId('plot-label-x')).toHaveValue('Departure from the mean');
  await page.keyboard.press('Escape');
  await page.getByTestId('plots-section-data').click();
  await expect(page.getByTestId('data-plot-order')).toHaveValue('median');
  await expect(page.getByTestId('plot-title')).toHaveText('Exam scores by school');
  await screenshot(page, 'figkit-box-reopened');

  // The reopened project has nothing unsaved; choosing a plot does not change that, labels do.
  await expect(page.getByTestId('project-dirty')).toHaveCount(0);
  await page.getByTestId('data-plot-order').selectOption('level');
  await expect(page.getByTestId('plot-caption')).toContainText('in the order of school’s levels');
  await expect(page.getByTestId('project-dirty')).toHaveCount(0);
  // Reset to defaults: the plot's own words again, a change of the project.
  await page.getByTestId('plot-labels').click();
  await page.getByTestId('plot-labels-reset').click();
  await expect(page.getByTestId('plot-title')).toHaveCount(0);
  await expect(page.getByTestId('project-dirty')).toBeVisible();
});
