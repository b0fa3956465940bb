import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '@shared/bridge';
import type { EventName, EventPayload } from '@shared/contract';
import type { Result } from '@shared/errors';
import { dispatch, type Handlers } from './dispatch';

/**
 * The only code that touches ipcMain. Every request from a renderer comes
 * through one handler, which first checks who is asking: the frame must be a
 * top-level document of Nestor's own renderer (not an iframe, not a page that
 * was navigated elsewhere), and its WebContents must belong to a Nestor
 * window. Only then does `dispatch` validate the payload and call a service.
 *
 * Returns a function that removes the handler (app shutdown, tests).
 */
export function registerElectronIpc(
  getHandlersFor: (contents: WebContents) => Handlers | undefined,
  isTrustedSender: (frame: WebFrameMain) => boolean,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, request: unknown): Promise<Result<unknown>> => {
    // senderFrame is null once the frame has navigated away or been destroyed: the request is no longer the page's.
    const frame = event.senderFrame;
    if (!frame || frame.detached || frame.parent !== null || !isTrustedSender(frame)) {
      return forbidden(`a frame that is not Nestor's window (${frame ? describeUrl(frame.url) : 'gone'})`);
    }
    const handlers = getHandlersFor(event.sender);
    if (!handlers) return forbidden('a window that has no Nestor session');
    return dispatch(handlers, channel, request);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Pushes an event to one window's renderer (the preload hands it to listeners of that event name). */
export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (contents.isDestroyed()) return;
  contents.send(IPC_EVENT, { event, payload });
}

function forbidden(who: string): Result<unknown> {
  return { ok: false, error: { code: 'forbidden', message: `Nestor refused a request from ${who}.` } };
}

/** Enough of a URL to recognise it in a log, never a full file path or query from an untrusted page. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'a local file' : parsed.origin;
  } catch {
    return 'an unknown address';
  }
}
