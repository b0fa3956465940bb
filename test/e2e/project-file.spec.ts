import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/** The browser host's File menu: Save downloads the project, Open uploads it back, New starts empty. */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('a project saved as a download opens again with its data sets', async ({ page }, testInfo) => {
  await openWithExam(page, host.url);
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-sample-sleepstudy').click();
  await expect(page.getByTestId('dataset-picker')).toHaveValue(/.+/);
  await expect(page.getByTestId('dataset-rows')).toHaveText('180');
  await expect(page.getByTestId('project-dirty')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.nestor$/);
  const saved = join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 15).toString()).toBe('SQLite format 3');
  await expect(page.getByTestId('project-dirty')).toHaveCount(0);

  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('data-empty')).toBeVisible();
  await screenshot(page, 'project-new-empty');

  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-open').click();
  await (await choosing).setFiles(saved);
  await expect(page.getByTestId('dataset-picker').locator('option')).toHaveText(['Exam', 'sleepstudy']);
  // It opens on the dataset shown when it was saved (the project's view state).
  await expect(page.getByTestId('dataset-rows')).toHaveText('180');
  await screenshot(page, 'project-opened');
});
