import { PREVIEW_HEAD_BYTES, type ImportPreview } from '@shared/dataset';
import type { ParsedRequestOf } from '@shared/contract';
import { AppError } from '@shared/errors';
import { previewDataFile, type PreviewInput } from '../engine/import/preview';
import { isXlsxName } from '../engine/import/xlsx';
import { JobQueue } from './jobs/queue';
import type { Session } from './session';

/**
 * The import dialog's preview, a request rather than a job.
 *
 * A text file is previewed here in main from its head (PREVIEW_HEAD_BYTES): reading
 * 256 KB takes a few milliseconds, so the preview follows every change of an option at
 * once, and never waits behind a model fit in the session's job queue as a job would.
 *
 * A workbook has no head (it is a ZIP archive), and unzipping and parsing a whole sheet
 * takes ~0.7 s for 2 MB, which would freeze main (and, in the browser host, every other
 * tab it serves). So workbooks are previewed in an engine process of their own, outside
 * the job queue the status bar shows: a newer preview cancels an older one, and the
 * process ends after a short idle time.
 */
export async function previewImport(session: Session, request: ParsedRequestOf<'datasets.preview'>): Promise<ImportPreview> {
  const { name, base64, size, options } = request;
  if (isXlsxName(name)) {
    return previewInEngine(session, { fileName: name, bytes: decodeBase64(base64), size, options });
  }
  // One byte past the head, so the preview can tell a file of exactly that size from a longer one.
  const bytes = decodeBase64(base64, PREVIEW_HEAD_BYTES + 1);
  return previewDataFile({ fileName: name, bytes, size, options });
}

/** base64 to bytes, decoding only the characters that cover the first `limit` bytes. */
export function decodeBase64(base64: string, limit = Infinity): Uint8Array {
  const chars = Number.isFinite(limit) ? Math.min(base64.length, Math.ceil(limit / 3) * 4) : base64.length;
  const bytes = new Uint8Array(Buffer.from(base64.slice(0, chars), 'base64'));
  return bytes.length > limit ? bytes.subarray(0, limit) : bytes;
}

/** How long the preview process outlives its last preview: long enough for the next option change. */
const IDLE_MS = 30_000;

interface PreviewEngine {
  queue: JobQueue;
  current: string | null;
  idle: ReturnType<typeof setTimeout> | null;
}

const engines = new WeakMap<Session, PreviewEngine>();

async function previewInEngine(session: Session, input: PreviewInput): Promise<ImportPreview> {
  let engine = engines.get(session);
  if (!engine) {
    const quiet = { progress: () => undefined, done: () => undefined, changed: () => undefined };
    engine = { queue: new JobQueue(session.options.engineHost, quiet), current: null, idle: null };
    engines.set(session, engine);
  }
  if (engine.idle) clearTimeout(engine.idle);
  engine.idle = null;
  // Only the newest preview matters to the dialog.
  if (engine.current) engine.queue.cancel(engine.current);
  const id = engine.queue.start({
    kind: 'dataset.preview',
    title: `Previewing ${input.fileName}`,
    task: () => ({ kind: 'dataset.preview', input }),
  });
  engine.current = id;
  const outcome = await engine.queue.wait(id);
  if (engine.current === id) {
    engine.current = null;
    scheduleIdleStop(session, engine);
  }
  if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.detail);
  return outcome.value as ImportPreview;
}

function scheduleIdleStop(session: Session, engine: PreviewEngine): void {
  engine.idle = setTimeout(() => {
    if (engine.current === null) void stopPreviewEngine(session);
  }, IDLE_MS);
  engine.idle.unref?.();
}

/** Ends the session's preview process now, if it has one (a running preview fails as cancelled). */
export async function stopPreviewEngine(session: Session): Promise<void> {
  const engine = engines.get(session);
  if (!engine) return;
  engines.delete(session);
  if (engine.idle) clearTimeout(engine.idle);
  await engine.queue.dispose();
}
