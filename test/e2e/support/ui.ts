import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

/** Helpers the renderer e2e tests share: screenshots, the Exam data as R reads it, and the app's first view. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const screenshotDir = join(root, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** A small CSV reader (quoted fields, no embedded newlines), independent of the app's importer. */
export function readCsv(relativePath: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(root, relativePath), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(field);
        field = '';
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const [header, ...rows] = lines.map(split);
  return { header, rows };
}

export function examColumn(name: string): Float64Array {
  const { header, rows } = readCsv('resources/sample-data/exam.csv');
  const j = header.indexOf(name);
  if (j < 0) throw new Error(`exam.csv has no column ${name}`);
  return Float64Array.from(rows, (row) => Number(row[j]));
}

export function meanAndSd(x: Float64Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (x.length - 1)) };
}

/** Opens the app at 1400×900 and waits for the Exam sample the host loads on first start. */
export async function openWithExam(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(url);
  await expect(page.getByTestId('dataset-rows')).toHaveText('4,059', { timeout: 30_000 });
}

/** A number shown with 7 significant digits agrees with the exact value to that precision. */
export function expectShownNumber(shown: string | null, exact: number): void {
  expect(shown, 'a number is shown').not.toBeNull();
  const value = Number(shown!.replace(/,/g, ''));
  expect(Number.isFinite(value), `"${shown}" is a number`).toBe(true);
  expect(Math.abs(value - exact)).toBeLessThanOrEqual(Math.abs(exact) * 1e-6);
}

/**
 * The second note's read.table("jsp.txt", header = TRUE) done in the app: File > Import Data…,
 * the sample jsp.txt chosen from disk, read as whitespace-separated text, named jsp.
 */
export async function importJspFromDisk(page: Page): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-import').click();
  await (await chooser).setFiles(join(root, 'resources/sample-data/jsp.txt'));
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-delimiter').selectOption('whitespace');
  await dialog.getByTestId('import-name').fill('jsp');
  await dialog.getByTestId('import-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dataset-rows')).toHaveText('1,154', { timeout: 30_000 });
}
