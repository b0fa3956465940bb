import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from './contract';
import type { Result } from './errors';

/**
 * What the renderer talks to, whatever carries it: Electron's preload exposes
 * exactly this as `window.nestor`; in a browser a WebSocket client implements it.
 */
export interface NestorBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Names of the two functions the Electron preload exposes, and the IPC channels behind them. */
export const BRIDGE_GLOBAL = 'nestor';
export const IPC_INVOKE = 'nestor:invoke';
export const IPC_EVENT = 'nestor:event';

/** Web host wire format (one JSON object per WebSocket message). */
export type WireRequest = { type: 'invoke'; id: number; channel: string; request: unknown };
/** id is null when a message could not be read far enough to know which request it answered. */
export type WireResponse = { type: 'result'; id: number | null; result: Result<unknown> };
export type WireEvent = { type: 'event'; event: string; payload: unknown };
export const WS_PATH = '/ws';
export { MAX_WIRE_MESSAGE_BYTES } from './limits';
