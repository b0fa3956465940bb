import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { examColumn, openWithExam, readCsv, screenshot } from './support/ui';

/** The Data view on the Exam sample: dimensions, column headers, variables and scrolling to the last row. */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const EXAM_COLUMNS = ['school', 'normexam', 'schgend', 'schavg', 'vr', 'intake', 'standLRT', 'sex', 'type', 'student'];

test('the Exam grid shows 4,059 rows and 10 columns and scrolls to row 4059', async ({ page }) => {
  await openWithExam(page, host.url);
  await expect(page.getByTestId('dataset-columns')).toHaveText('10');
  await expect(page.getByTestId('grid-position')).toContainText('of 4,059');

  // Columns are virtualised: read the headers at the left edge and at the right edge.
  const grid = page.getByTestId('data-grid');
  const headers = new Map<number, string>();
  const collect = async () => {
    for (const head of await page.getByTestId('grid-colhead').all()) {
      headers.set(Number(await head.getAttribute('aria-colindex')), (await head.getAttribute('data-column'))!);
    }
  };
  await collect();
  await grid.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await collect();
  await grid.evaluate((el) => (el.scrollLeft = 0));
  expect([...headers.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name)).toEqual(EXAM_COLUMNS);

  // The variables panel lists the same columns with their types.
  const variables = page.getByTestId('variable-row');
  await expect(variables).toHaveCount(10);
  await expect(page.locator('[data-testid=variable-row][data-name=school]')).toContainText('65');
  await expect(page.locator('[data-testid=variable-row][data-name=normexam]')).toContainText('num');

  // First row as in the file.
  const firstRow = page.locator('[role=row][aria-rowindex="2"]');
  await expect(firstRow.locator('[aria-colindex="3"]')).toHaveText('0.2613242');
  await screenshot(page, 'data-grid-top');

  // A person scrolls to the end with the keyboard.
  await grid.focus();
  await page.keyboard.press('End');
  const lastRow = page.locator('[role=row][aria-rowindex="4060"]');
  await expect(lastRow.getByTestId('grid-rownum')).toHaveText('4059');
  await expect(lastRow).toBeInViewport();
  const { rows } = readCsv('resources/sample-data/exam.csv');
  const last = rows[rows.length - 1];
  await expect(lastRow.locator('[aria-colindex="2"]')).toHaveText(last[0]); // school
  const normexam = examColumn('normexam');
  expect(Number(await lastRow.locator('[aria-colindex="3"]').textContent())).toBeCloseTo(normexam[normexam.length - 1], 6);
  await expect(page.getByTestId('grid-position')).toContainText('4,059 of 4,059');
  await screenshot(page, 'data-grid-bottom');
});

test('the views are reachable from the keyboard and explain what they will hold', async ({ page }) => {
  await openWithExam(page, host.url);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('model-view')).toBeVisible();
  await screenshot(page, 'model-view');
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('plots-empty')).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('data-grid')).toBeVisible();

  // The File menu opens from the keyboard and lists the sample data sets.
  await page.getByTestId('file-menu-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('menu-new')).toBeFocused();
  await expect(page.getByTestId('menu-sample-sleepstudy')).toBeVisible();
  await screenshot(page, 'file-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('menu-new')).toHaveCount(0);
  await expect(page.getByTestId('file-menu-button')).toBeFocused();
});
