import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fitOnExam, joinSession, newSessionToken } from './support/contract';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * Where a person was in a project comes back with it: saved (downloaded),
 * opened in another browser (uploaded), the project shows the same view,
 * Results tab, dataset, grid position and unfitted model draft; a reload
 * of the page returns to where it was too, and scrolling alone never makes
 * the project "unsaved".
 */
let host: RunningHost;
const token = newSessionToken();
const DRAFT = 'normexam ~ standLRT + sex + (1 | school)';

test.beforeAll(async () => {
  host = await startHost();
  await fitOnExam(host.url, token, [
    { kind: 'lm', formula: 'normexam ~ standLRT', reml: true },
    { kind: 'lmer', formula: 'normexam ~ standLRT + (1 | school)', reml: true },
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

/** The grid's footer and the name of its first column in view. */
async function gridPlace(page: Page): Promise<{ rows: string; firstColumn: string | null }> {
  await expect(page.getByTestId('grid-rownum').first()).toBeVisible();
  return {
    rows: (await page.getByTestId('grid-position').textContent())!.trim(),
    firstColumn: await page.getByTestId('grid-colhead').first().getAttribute('data-column'),
  };
}

test('the view, Results tab, dataset, grid position and draft come back with the project file and after a reload', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  await joinSession(page, token);
  await openWithExam(page, host.url);
  // Narrow enough that Exam's ten columns scroll sideways.
  await page.setViewportSize({ width: 1000, height: 800 });

  // A second dataset, then back to Exam: the dataset shown is a choice worth keeping.
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-sample-sleepstudy').click();
  await expect(page.getByTestId('dataset-rows')).toHaveText('180');
  await page.getByTestId('dataset-picker').selectOption({ label: 'Exam' });
  await expect(page.getByTestId('dataset-rows')).toHaveText('4,059');

  // Down to row 2,001 and a few columns to the right.
  const grid = page.getByTestId('data-grid');
  await grid.hover();
  await page.mouse.wheel(0, 2000 * 24);
  await expect(page.getByTestId('grid-position')).toContainText('Rows 2,001–');
  await page.mouse.wheel(260, 0);
  await expect(page.getByTestId('grid-colhead').first()).not.toHaveAttribute('data-column', 'school');
  const place = await gridPlace(page);
  await screenshot(page, 'view-state-grid-before');

  // A model typed but not fitted.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('formula-input').fill(DRAFT);
  await expect(page.getByTestId('check')).toHaveAttribute('data-level', 'ok');

  // Results, on m1 rather than the newest model the view would open by itself.
  await page.keyboard.press('Alt+3');
  const tabs = page.getByTestId('model-tab');
  await expect(tabs).toHaveText(['m1', 'm2']);
  await tabs.first().click();
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('model-formula')).toHaveText('normexam ~ standLRT');
  await screenshot(page, 'view-state-results-before');

  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = join(testInfo.outputDir, 'where-i-was.nestor');
  await (await downloading).saveAs(saved);

  // Another browser: a new session, which starts on Exam's Data view at row 1.
  const other = await browser.newPage();
  await openWithExam(other, host.url);
  await other.setViewportSize({ width: 1000, height: 800 });
  const choosing = other.waitForEvent('filechooser');
  await other.getByTestId('file-menu-button').click();
  await other.getByTestId('menu-open').click();
  await (await choosing).setFiles(saved);

  await expect(other.getByTestId('view-results')).toBeVisible();
  await expect(other.getByTestId('model-tab')).toHaveText(['m1', 'm2']);
  await expect(other.getByTestId('model-tab').first()).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByTestId('model-formula')).toHaveText('normexam ~ standLRT');
  await expect(other.getByTestId('project-dirty')).toHaveCount(0);
  await screenshot(other, 'view-state-reopened-results');

  await other.keyboard.press('Alt+1');
  await expect(other.getByTestId('dataset-picker').locator('option:checked')).toHaveText('Exam');
  await expect(other.getByTestId('grid-position')).toContainText('Rows 2,001–');
  expect(await gridPlace(other)).toEqual(place);
  await screenshot(other, 'view-state-reopened-grid');

  await other.keyboard.press('Alt+2');
  await expect(other.getByTestId('formula-input')).toHaveValue(DRAFT);

  // Scrolling is not a change to save: the opened project stays clean. After the state is written
  // (at most every 2 s), a reload, which rejoins the same session, comes back to this place.
  await other.keyboard.press('Alt+1');
  await other.getByTestId('data-grid').hover();
  await other.mouse.wheel(0, 1000 * 24);
  await expect(other.getByTestId('grid-position')).toContainText('Rows 3,001–');
  await other.waitForTimeout(2500);
  await expect(other.getByTestId('project-dirty')).toHaveCount(0);
  await other.reload();
  await expect(other.getByTestId('grid-position')).toContainText('Rows 3,001–', { timeout: 15_000 });
  await expect(other.getByTestId('dataset-picker').locator('option:checked')).toHaveText('Exam');
  await screenshot(other, 'view-state-after-reload');

  // A reload right after a change, before the next write is due (the Model view was written at once,
  // Results would be written two seconds later), still comes back to the last view.
  await other.keyboard.press('Alt+2');
  await expect(other.getByTestId('formula-input')).toHaveValue(DRAFT);
  await other.keyboard.press('Alt+3');
  await expect(other.getByTestId('model-tab').first()).toHaveAttribute('aria-selected', 'true');
  await other.reload();
  await expect(other.getByTestId('view-results')).toBeVisible({ timeout: 15_000 });
  await expect(other.getByTestId('model-tab').first()).toHaveAttribute('aria-selected', 'true');
  await other.close();
});
