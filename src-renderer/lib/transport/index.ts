import { BRIDGE_GLOBAL, WS_PATH, type NestorBridge } from '@shared/bridge';
import { sessionToken, type KeyValueStore } from './session';
import { WsBridge, type ConnectionInfo, type SocketHandlers, type SocketLike } from './ws-bridge';

export type { ConnectionInfo, ConnectionStatus } from './ws-bridge';

/**
 * Electron's preload exposes the bridge as `window.nestor`; anywhere else the
 * page was served by the browser host and talks to it over a WebSocket.
 */
export function createBridge(
  onStatus: (info: ConnectionInfo) => void,
  onOrphanError: (message: string) => void,
): NestorBridge {
  const preload = (window as unknown as Record<string, NestorBridge | undefined>)[BRIDGE_GLOBAL];
  if (preload) {
    onStatus({ status: 'open', attempt: 0, retryInMs: null, epoch: 1 });
    return preload;
  }
  const token = sessionToken(storage(), (bytes) => crypto.getRandomValues(bytes));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}${WS_PATH}?session=${token}`;
  const bridge = new WsBridge({ url, connect: openSocket, onStatus, onOrphanError });
  window.addEventListener('pagehide', () => bridge.dispose());
  return bridge;
}

function openSocket(url: string, handlers: SocketHandlers): SocketLike {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (event) => handlers.message(event.data);
  ws.onclose = () => handlers.close();
  return {
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send: (data) => ws.send(data),
    close: () => ws.close(),
  };
}

function storage(): KeyValueStore {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled by policy; a page-lifetime map still gives one session per page.
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
  }
}
