import type { NestorBridge, WireEvent, WireRequest, WireResponse } from '@shared/bridge';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from '@shared/contract';
import type { Result } from '@shared/errors';

/**
 * The browser host's transport: one WebSocket speaking the wire format of
 * src-shared/bridge.ts. It never throws to callers: a dropped socket fails the
 * requests it carried with an error value and reconnects with backoff, and
 * requests made while disconnected wait (bounded) for the next connection.
 */

/** What the client needs of a socket, so tests can supply a fake and Node can typecheck this file. */
export interface SocketLike {
  isOpen(): boolean;
  send(data: string): void;
  close(): void;
}
export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  /** Called once when the socket closes or fails to connect. */
  close(): void;
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionInfo {
  status: ConnectionStatus;
  /** Failed attempts since the last successful connection. */
  attempt: number;
  /** When reconnecting: the delay before the next attempt. */
  retryInMs: number | null;
  /** Incremented on every successful (re)connection, so views can refetch what they missed. */
  epoch: number;
}

export interface WsBridgeOptions {
  url: string;
  connect: (url: string, handlers: SocketHandlers) => SocketLike;
  onStatus?: (info: ConnectionInfo) => void;
  /** An error main could not tie to a request (it could not read the message far enough). */
  onOrphanError?: (message: string) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a request made while disconnected waits for a connection before failing. */
  sendTimeoutMs?: number;
}

interface Pending {
  channel: string;
  resolve: (result: Result<unknown>) => void;
}
interface Unsent extends Pending {
  message: WireRequest;
  timer: ReturnType<typeof setTimeout>;
}

export class WsBridge implements NestorBridge {
  private socket: SocketLike | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: Unsent[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private info: ConnectionInfo = { status: 'connecting', attempt: 0, retryInMs: null, epoch: 0 };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly options: WsBridgeOptions) {
    this.open();
  }

  get connection(): ConnectionInfo {
    return this.info;
  }

  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    return new Promise<Result<unknown>>((resolve) => {
      if (this.disposed) {
        resolve(failure('io', `Cannot send "${channel}": the connection to the Nestor server was closed.`));
        return;
      }
      const message: WireRequest = { type: 'invoke', id: ++this.nextId, channel, request };
      if (this.socket?.isOpen()) {
        this.send(message, { channel, resolve });
        return;
      }
      const timeoutMs = this.options.sendTimeoutMs ?? 15_000;
      const timer = setTimeout(() => {
        const index = this.outbox.findIndex((u) => u.message.id === message.id);
        if (index >= 0) this.outbox.splice(index, 1);
        resolve(
          failure('io', `Could not reach the Nestor server within ${Math.round(timeoutMs / 1000)} s to send "${channel}".`),
        );
      }, timeoutMs);
      this.outbox.push({ channel, resolve, message, timer });
    }) as Promise<Result<ResponseOf<C>>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  /** Closes for good (page unload, tests); pending requests fail. */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.failPending('The connection to the Nestor server was closed.');
    for (const unsent of this.outbox.splice(0)) {
      clearTimeout(unsent.timer);
      unsent.resolve(failure('io', `Cannot send "${unsent.channel}": the connection was closed.`));
    }
    this.socket?.close();
    this.socket = null;
    this.setInfo({ ...this.info, status: 'closed', retryInMs: null });
  }

  private open(): void {
    let socket: SocketLike | null = null;
    const current = () => socket !== null && socket === this.socket;
    socket = this.options.connect(this.options.url, {
      open: () => {
        if (!current()) return;
        this.setInfo({ status: 'open', attempt: 0, retryInMs: null, epoch: this.info.epoch + 1 });
        for (const unsent of this.outbox.splice(0)) {
          clearTimeout(unsent.timer);
          this.send(unsent.message, unsent);
        }
      },
      message: (data) => {
        if (current()) this.receive(data);
      },
      close: () => {
        if (!current() || this.disposed) return;
        this.socket = null;
        this.failPending('The connection to the Nestor server dropped before it answered; it is reconnecting.');
        this.scheduleReconnect();
      },
    });
    this.socket = socket;
  }

  private scheduleReconnect(): void {
    const attempt = this.info.attempt + 1;
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 5_000;
    const delay = Math.min(max, initial * 2 ** (attempt - 1));
    this.setInfo({ ...this.info, status: 'reconnecting', attempt, retryInMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.disposed) this.open();
    }, delay);
  }

  private send(message: WireRequest, pending: Pending): void {
    this.pending.set(message.id, { channel: pending.channel, resolve: pending.resolve });
    try {
      this.socket!.send(JSON.stringify(message));
    } catch (err) {
      this.pending.delete(message.id);
      const reason = err instanceof Error ? err.message : String(err);
      pending.resolve(failure('io', `Could not send "${pending.channel}" to the Nestor server: ${reason}`));
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WireResponse | WireEvent;
    try {
      message = JSON.parse(data) as WireResponse | WireEvent;
    } catch {
      return;
    }
    if (message.type === 'result') {
      if (message.id === null) {
        if (!message.result.ok) this.options.onOrphanError?.(message.result.error.message);
        return;
      }
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      pending.resolve(message.result);
    } else if (message.type === 'event') {
      for (const listener of this.listeners.get(message.event) ?? []) {
        try {
          listener(message.payload);
        } catch (err) {
          console.error(`Listener for "${message.event}" failed`, err);
        }
      }
    }
  }

  private failPending(why: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.resolve(failure('io', `"${p.channel}" failed: ${why}`));
  }

  private setInfo(info: ConnectionInfo): void {
    this.info = info;
    this.options.onStatus?.(info);
  }
}

function failure(code: 'io', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
