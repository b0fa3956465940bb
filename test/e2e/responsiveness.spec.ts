import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';
import { openWithExam, screenshot } from './support/ui';

/**
 * While InstEval's crossed random-effects model is fitted (seconds of work
 * that keeps both cores of the test machine busy), a person keeps working:
 * switches views, scrolls the Data grid and pages through it with the
 * keyboard, opens a fitted model's results, types in the formula field. The
 * renderer's main thread must never be blocked for more than 50 ms meanwhile.
 * Chromium reports a long task only when a task runs over 50 ms, so "no long
 * task while the fit ran" is the assertion; input latency (input event to the
 * DOM showing its effect) is measured alongside, and a failure lists each long
 * task with the inputs before it and its long animation frame's scripts.
 *
 * What it took (issue 6, item 3): the engine process runs below normal
 * priority (at equal priority the OS shared a core between the fit and the
 * renderer, stretching 10 ms tasks past 50 ms); the grid recycles its rows by
 * slot, keeps page caches across mounts, redraws once per frame of page
 * arrivals and reads its size from a ResizeObserver instead of forcing a
 * layout while the Data view mounts.
 */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

// Playwright's trace recorder snapshots the DOM inside the page around every action; that work
// runs on the page's main thread and would be measured as the app's (it alone makes 50-100 ms tasks).
test.use({ trace: 'off' });

const FIRST = 'y ~ service';
const FORMULA = 'y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)';
const LONG_TASK_LIMIT_MS = 50;

interface LongTask {
  start: number;
  duration: number;
}
/** A long animation frame (Chromium reports those over 50 ms), with what ran in it. */
interface LongFrame extends LongTask {
  /** Time from the frame's rendering start (style, layout, paint) to its end. */
  renderMs: number;
  scripts: { invoker: string; source: string; durationMs: number; forcedLayoutMs: number }[];
}
interface Latency {
  label: string;
  inputAt: number;
  domMs: number;
  frameMs: number;
}
interface ProbeReport {
  longTasks: LongTask[];
  longFrames: LongFrame[];
  fitStart: number;
  progressShown: number | null;
  progressGone: number | null;
  progressUpdates: number;
  latencies: Latency[];
}
/** The page's side of the probe (Node's typecheck has no DOM library, hence these few shapes). */
interface Probe extends ProbeReport {
  arm(label: string, selector: string, textNot: string | null): void;
  pending: Promise<Latency | null> | null;
}
interface ProbeNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface ProbeEntry {
  startTime: number;
  duration: number;
  renderStart?: number;
  scripts?: { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[];
}
interface ProbeGlobals {
  performance: { now(): number };
  PerformanceObserver: new (callback: (list: { getEntries(): ProbeEntry[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  document: { body: unknown; querySelector(selector: string): ProbeNode | null };
  addEventListener(type: string, listener: (event: { timeStamp: number }) => void, capture: boolean): void;
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
  nestorProbe?: Probe;
}

/**
 * Installs, before the fit starts, a long-task observer (buffered: false, so
 * only tasks from now on), a watcher of the status bar's progress, and an
 * input-latency meter: `arm` waits for the next key, pointer or wheel input
 * and times it until `selector` exists (with a text other than `textNot`).
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as ProbeGlobals;
    const now = () => w.performance.now();
    const probe: Probe = {
      longTasks: [],
      longFrames: [],
      fitStart: Infinity,
      progressShown: null,
      progressGone: null,
      progressUpdates: 0,
      latencies: [],
      pending: null,
      arm: () => {},
    };
    w.nestorProbe = probe;
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: false });
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longFrames.push({
          start: entry.startTime,
          duration: entry.duration,
          renderMs: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
          scripts: (entry.scripts ?? []).map((script) => ({
            invoker: script.invoker,
            source: `${script.sourceFunctionName || '(anonymous)'} in ${script.sourceURL.split('/').pop()}`,
            durationMs: Math.round(script.duration),
            forcedLayoutMs: Math.round(script.forcedStyleAndLayoutDuration),
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });

    let lastProgress = '';
    let waiting: { label: string; selector: string; textNot: string | null; inputAt: number | null; resolve(l: Latency | null): void } | null = null;
    const check = () => {
      const bar = w.document.querySelector('[data-testid=job-progress]');
      if (bar && probe.progressShown === null) probe.progressShown = now();
      if (!bar && probe.progressShown !== null && probe.progressGone === null) probe.progressGone = now();
      if (bar) {
        const shown = `${bar.getAttribute('aria-valuenow')}|${w.document.querySelector('[data-testid=job-message]')?.textContent ?? ''}`;
        if (shown !== lastProgress) probe.progressUpdates++;
        lastProgress = shown;
      }
      if (waiting && waiting.inputAt !== null) {
        const target = w.document.querySelector(waiting.selector);
        if (target && (waiting.textNot === null || target.textContent !== waiting.textNot)) {
          const done = waiting;
          waiting = null;
          const domMs = now() - done.inputAt!;
          w.requestAnimationFrame(() => done.resolve({ label: done.label, inputAt: done.inputAt!, domMs, frameMs: now() - done.inputAt! }));
        }
      }
    };
    new w.MutationObserver(check).observe(w.document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const onInput = (event: { timeStamp: number }) => {
      if (waiting && waiting.inputAt === null) waiting.inputAt = event.timeStamp;
    };
    for (const type of ['keydown', 'pointerdown', 'wheel']) w.addEventListener(type, onInput, true);

    probe.arm = (label, selector, textNot) => {
      probe.pending = new Promise<Latency | null>((resolve) => {
        const entry = { label, selector, textNot, inputAt: null, resolve };
        waiting = entry;
        // The view may change under us when the fit ends; a measurement that never completes is dropped.
        w.setTimeout(() => {
          if (waiting === entry) {
            waiting = null;
            resolve(null);
          }
        }, 5000);
      }).then((latency) => {
        if (latency) probe.latencies.push(latency);
        return latency;
      });
    };
  });
}

/**
 * Arms the meter, performs the input, and waits until the DOM reflects it.
 * Inputs go through page.mouse and page.keyboard, not locators: a locator
 * action runs Playwright's injected script in the page, and that work would
 * be measured as the app's.
 */
async function timed(page: Page, label: string, selector: string, input: () => Promise<unknown>, changesText = false): Promise<void> {
  await page.evaluate(
    ([l, s, c]) => {
      const w = globalThis as unknown as ProbeGlobals;
      w.nestorProbe!.arm(l, s, c ? (w.document.querySelector(s)?.textContent ?? null) : null);
    },
    [label, selector, changesText] as const,
  );
  await input();
  await page.evaluate(() => (globalThis as unknown as ProbeGlobals).nestorProbe!.pending);
}

/** Each long task with the inputs just before it and what its animation frame ran, for a failure message. */
function describeLongTasks(tasks: LongTask[], report: ProbeReport): string {
  const at = (t: number) => Math.round(t - report.fitStart);
  return tasks
    .map((task) => {
      const inputs = report.latencies.filter((l) => l.inputAt <= task.start + task.duration && l.inputAt >= task.start - 300).map((l) => `${l.label} at ${at(l.inputAt)}`);
      const frame = report.longFrames.find((f) => f.start <= task.start + task.duration && f.start + f.duration >= task.start);
      const ran = frame
        ? `frame of ${Math.round(frame.duration)} ms (rendering ${Math.round(frame.renderMs)} ms; scripts: ${
            frame.scripts.map((s) => `${s.invoker} → ${s.source} ${s.durationMs} ms, forced layout ${s.forcedLayoutMs} ms`).join('; ') || 'none'
          })`
        : 'no long frame recorded';
      return `  ${Math.round(task.duration)} ms at ${at(task.start)} ms after the fit began; inputs before it: ${inputs.join(', ') || 'none'}; ${ran}`;
    })
    .join('\n');
}

async function fitRunning(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as ProbeGlobals).nestorProbe!.progressGone === null);
}

async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const target = page.getByTestId(testId).first();
  // The box is read again until there is one (an element replaced between waitFor and boundingBox).
  let box: { x: number; y: number; width: number; height: number } | null = null;
  await expect
    .poll(async () => {
      await target.waitFor();
      box = await target.boundingBox();
      return box !== null;
    })
    .toBe(true);
  const { x, y, width, height } = box!;
  return { x: x + width / 2, y: y + height / 2 };
}

test('the renderer is never blocked over 50 ms while a fit runs and a person keeps working', async ({ page }) => {
  test.setTimeout(120_000);
  await openWithExam(page, host.url);
  await page.getByTestId('file-menu-button').click();
  await page.getByTestId('menu-sample-insteval').click();
  await expect(page.getByTestId('dataset-rows')).toHaveText('73,421', { timeout: 60_000 });

  // A first, quick model, so that Results has something to open while the long fit runs.
  await page.getByTestId('tab-model').click();
  await page.locator('label:has([data-testid=kind-lm])').click();
  await page.getByTestId('formula-input').fill(FIRST);
  await expect(page.getByTestId('fit-model')).toBeEnabled();
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('model-tab')).toHaveText(['m1'], { timeout: 30_000 });
  await page.getByTestId('tab-model').click();
  await page.getByTestId('formula-input').fill(FORMULA);
  await expect(page.getByTestId('check')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('fit-model')).toBeEnabled();

  await installProbe(page);
  await page.evaluate(() => {
    const w = globalThis as unknown as ProbeGlobals;
    w.nestorProbe!.fitStart = w.performance.now();
  });
  await page.getByTestId('fit-model').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('job-title')).toContainText(FORMULA);
  await screenshot(page, 'responsive-fitting');

  const grid = '[data-testid=data-grid]';
  const position = '[data-testid=grid-position]';
  const dataTab = await centre(page, 'tab-data');
  let gridAt: { x: number; y: number } | null = null;
  let rounds = 0;
  let roundsWhileRunning = 0;
  while ((await fitRunning(page)) && rounds < 20) {
    rounds++;
    await timed(page, 'click Data tab', grid, () => page.mouse.click(dataTab.x, dataTab.y));
    gridAt ??= await centre(page, 'data-grid');
    await page.mouse.move(gridAt.x, gridAt.y);
    await timed(page, 'wheel-scroll grid', position, () => page.mouse.wheel(0, 900), true);
    await timed(page, 'wheel-scroll grid', position, () => page.mouse.wheel(0, 2400), true);
    // A click in the grid focuses it for the keys that follow.
    await page.mouse.click(gridAt.x, gridAt.y);
    await timed(page, 'PageDown in grid', position, () => page.keyboard.press('PageDown'), true);
    await timed(page, 'End in grid', position, () => page.keyboard.press('End'), true);
    if (rounds === 1) {
      // main answers the grid's page requests while the engine fits: the last rows arrive.
      await expect(page.locator('[data-testid=data-grid] [role=gridcell]').last()).not.toHaveText('');
      await screenshot(page, 'responsive-grid-while-fitting');
    }
    await timed(page, 'Home in grid', position, () => page.keyboard.press('Home'), true);
    // Results opens on the model being fitted (its tab appears as the fit starts); m1's results are a click away.
    await timed(page, 'Alt+3 to Results', '[data-testid=model-tab]', () => page.keyboard.press('Alt+3'));
    if ((await page.getByTestId('model-tab').first().getAttribute('aria-selected')) !== 'true') {
      const m1 = await centre(page, 'model-tab');
      await timed(page, 'open m1 results', '[data-testid=printed-summary]', () => page.mouse.click(m1.x, m1.y));
    }
    await timed(page, 'Alt+2 to Model', '[data-testid=model-view]', () => page.keyboard.press('Alt+2'));
    // The fit may end right here: the app then moves from the Model view to its results, as it
    // does for anyone waiting in the Model view, and the round is over (seen on a fast clean run).
    if (!(await fitRunning(page))) break;
    // Typing in the formula field: every key is parsed and checked as it comes.
    const field = await centre(page, 'formula-input').catch(async (error: unknown) => {
      if (await fitRunning(page)) throw error;
      return null;
    });
    if (!field) break;
    await page.mouse.click(field.x, field.y);
    await page.keyboard.press('End');
    await timed(page, 'type in formula', '[data-testid=formula-input]', () => page.keyboard.type(' + lectage', { delay: 20 }));
    for (let i = 0; i < ' + lectage'.length; i++) await page.keyboard.press('Backspace');
    if (await fitRunning(page)) roundsWhileRunning++;
  }
  await expect(page.getByTestId('job-outcome')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  const report = await page.evaluate(() => {
    const { nestorProbe: p } = globalThis as unknown as ProbeGlobals;
    return {
      longTasks: p!.longTasks,
      longFrames: p!.longFrames,
      fitStart: p!.fitStart,
      progressShown: p!.progressShown,
      progressGone: p!.progressGone,
      progressUpdates: p!.progressUpdates,
      latencies: p!.latencies,
    } satisfies ProbeReport;
  });
  expect(report.progressShown, 'the status bar showed the fit').not.toBeNull();
  expect(report.progressGone, 'the status bar saw the fit end').not.toBeNull();
  const fitMs = report.progressGone! - report.fitStart;
  const during = report.longTasks.filter((t) => t.start + t.duration >= report.fitStart && t.start <= report.progressGone!);
  const duringInputs = report.latencies.filter((l) => l.inputAt <= report.progressGone!);
  const worst = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const summary = {
    fitMs: Math.round(fitMs),
    progressUpdates: report.progressUpdates,
    rounds,
    roundsWhileRunning,
    longTasksDuringFit: during.map((t) => ({ atMs: Math.round(t.start - report.fitStart), durationMs: Math.round(t.duration) })),
    longTasksAfterFit: report.longTasks.filter((t) => t.start > report.progressGone!).map((t) => Math.round(t.duration)),
    inputsDuringFit: duringInputs.length,
    worstInputToDomMs: Math.round(worst(duringInputs.map((l) => l.domMs))),
    worstInputToFrameMs: Math.round(worst(duringInputs.map((l) => l.frameMs))),
    byInput: Object.fromEntries(
      [...new Set(duringInputs.map((l) => l.label))].map((label) => {
        const xs = duringInputs.filter((l) => l.label === label).map((l) => l.frameMs);
        return [label, { n: xs.length, worstMs: Math.round(worst(xs)) }];
      }),
    ),
  };
  console.log(`responsiveness: ${JSON.stringify(summary)}`);
  test.info().annotations.push({ type: 'responsiveness', description: JSON.stringify(summary) });

  // The fit ran long enough, with progress all along, for the measurement to mean something.
  expect(fitMs).toBeGreaterThan(1500);
  expect(report.progressUpdates).toBeGreaterThanOrEqual(5);
  expect(roundsWhileRunning, 'a full round of work happened while the fit ran').toBeGreaterThanOrEqual(1);
  expect(duringInputs.length).toBeGreaterThanOrEqual(7);
  expect(during, `long tasks (over ${LONG_TASK_LIMIT_MS} ms) while the fit ran:\n${describeLongTasks(during, report)}`).toEqual([]);
  expect(worst(during.map((t) => t.duration))).toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
  // Without long tasks, an input shows within a few frames; the bound leaves room for a loaded 2-core machine.
  expect(summary.worstInputToFrameMs).toBeLessThan(250);

  // The observer does see a blocked main thread: 120 ms of busy work is reported as one long task.
  // (In a task of the page's own, as the app's work runs: DevTools' evaluation is not reported as one.)
  await page.evaluate(() => {
    const w = globalThis as unknown as ProbeGlobals;
    w.setTimeout(() => {
      const until = w.performance.now() + 120;
      while (w.performance.now() < until);
    }, 0);
  });
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as ProbeGlobals).nestorProbe!.longTasks.some((t) => t.duration >= 110)))
    .toBe(true);
});
