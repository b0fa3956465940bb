import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE, type NestorBridge } from '@shared/bridge';
import type { Result } from '@shared/errors';

/**
 * The whole surface the page gets: `window.nestor = { invoke, on }`. This
 * runs sandboxed, so it can require only 'electron'; @shared/bridge is
 * bundled in and has no runtime imports beyond its constants. Nothing from
 * ipcRenderer reaches the page: listeners receive the payload, never the IPC
 * event (whose `sender` would be ipcRenderer itself).
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let subscribed = false;

function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  ipcRenderer.on(IPC_EVENT, (_event, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        // One failing listener must not starve the others of the event.
        console.error(`Nestor: a listener for ${event} failed:`, err);
      }
    }
  });
}

const bridge: NestorBridge = {
  invoke(channel, request) {
    return ipcRenderer.invoke(IPC_INVOKE, channel, request).then(
      (result) => result,
      // Only when main has no handler (shutting down) or the handler itself broke: still an error value, as promised.
      (err: unknown): Result<never> => ({
        ok: false,
        error: { code: 'internal', message: `Nestor could not reach its main process: ${err instanceof Error ? err.message : String(err)}` },
      }),
    );
  },

  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('nestor.on needs a listener function.');
    subscribeOnce();
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: Listener = (payload) => (listener as Listener)(payload);
    set.add(entry);
    return () => {
      listeners.get(event)?.delete(entry);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
