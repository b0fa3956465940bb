import type { NestorBridge } from '@shared/bridge';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from '@shared/contract';
import type { ErrorCode, Result } from '@shared/errors';
import { createBridge, type ConnectionInfo } from './transport';
import { notify } from './stores/notices.svelte';

/**
 * The renderer's one door to main. `call` returns the value or, on an error
 * value, shows its message and returns undefined, so views stay free of
 * error plumbing; `invoke` is for the few places that handle errors themselves.
 */
export const connection = $state<ConnectionInfo>({ status: 'connecting', attempt: 0, retryInMs: null, epoch: 0 });

let bridge: NestorBridge | null = null;

function current(): NestorBridge {
  if (!bridge) {
    bridge = createBridge(
      (info) => Object.assign(connection, info),
      (message) => notify('error', message),
    );
  }
  return bridge;
}

export function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return current().invoke(channel, request);
}

export interface CallOptions {
  /** Error codes that are an expected answer (e.g. a dialog the user cancelled), not shown. */
  quiet?: ErrorCode[];
}

export async function call<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  options: CallOptions = {},
): Promise<ResponseOf<C> | undefined> {
  const result = await invoke(channel, request);
  if (result.ok) return result.value;
  if (!options.quiet?.includes(result.error.code)) notify('error', result.error.message);
  return undefined;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return current().on(event, listener);
}
