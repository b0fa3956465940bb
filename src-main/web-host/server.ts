import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_WIRE_MESSAGE_BYTES, WS_PATH, type WireEvent, type WireResponse } from '@shared/bridge';
import type { Result } from '@shared/errors';
import { dispatch } from '../ipc/dispatch';
import { handlersFor } from '../ipc/handlers';
import { Session } from '../services/session';
import { openSampleAtStart } from '../services/datasets';
import { ChildProcessEngineHost } from '../services/jobs/child-process-host';
import { upgradeAllowed } from './origin';
import { SessionRegistry, TOKEN_PATTERN } from './sessions';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  port: number;
  host: string;
  /** Working copies live in <dataDir>/sessions/<token>/. */
  dataDir: string;
  resourcesDir: string;
  rendererDir: string;
  engineScript: string;
  /** Sample loaded into every new session's project; null for none. */
  sample: string | null;
  /** Largest message read from a browser (tests lower it). */
  maxMessageBytes?: number;
}

export interface WebHost {
  url: string;
  close(): Promise<void>;
}

/**
 * The browser host: the built renderer over HTTP and the same main-side
 * services over one WebSocket per tab, behind the same contract as Electron.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const boundToLoopback = isLoopback(options.host);
  const registry = new SessionRegistry(async (token, send) => {
    const session = new Session({
      workDir: join(options.dataDir, 'sessions', token),
      resourcesDir: options.resourcesDir,
      engineHost: new ChildProcessEngineHost({ script: options.engineScript }),
      host: 'browser',
      allowPaths: false,
      emit: (event, payload) => send(JSON.stringify({ type: 'event', event, payload } satisfies WireEvent)),
    });
    // A returning tab whose server restarted finds its work in the recovery list, not replaced by a sample.
    if (options.sample && session.recoverable().length === 0) await openSampleAtStart(session, options.sample);
    return session;
  });

  const server: Server = createServer((req, res) => serveStatic(options.rendererDir, req, res));
  // Allow slack over the limit so an oversized request can still be answered with an error value.
  const maxMessageBytes = options.maxMessageBytes ?? MAX_WIRE_MESSAGE_BYTES;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes + 64 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const token = url.searchParams.get('session') ?? '';
    const verdict = upgradeAllowed(req, boundToLoopback);
    if (url.pathname !== WS_PATH || !verdict.ok || !TOKEN_PATTERN.test(token)) {
      const reason = url.pathname !== WS_PATH ? 'no such endpoint' : !verdict.ok ? verdict.reason : 'missing or bad session token';
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, token, registry, maxMessageBytes));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: async () => {
      await registry.disposeAll();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, token: string, registry: SessionRegistry, maxMessageBytes: number): void {
  const ready = registry.attach(token, ws);
  ws.on('close', () => registry.detach(token, ws));
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void answer(ws, data, isBinary, ready, maxMessageBytes);
  });
}

async function answer(ws: WebSocket, data: RawData, isBinary: boolean, ready: Promise<Session>, maxMessageBytes: number): Promise<void> {
  const text = isBinary ? null : rawToString(data);
  const reply = (id: number | null, result: Result<unknown>) => {
    if (ws.readyState === 1) ws.send(JSON.stringify({ type: 'result', id, result } satisfies WireResponse));
  };
  if (text === null) return reply(null, badMessage('Messages must be JSON text.'));
  if (text.length > maxMessageBytes) {
    return reply(leadingId(text), badMessage(`The message is too large (${text.length} bytes; the limit is ${maxMessageBytes}).`));
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return reply(leadingId(text), badMessage('The message is not valid JSON.'));
  }
  if (!isInvoke(message)) return reply(leadingId(text), badMessage('The message is not an invoke request.'));
  let session: Session;
  try {
    session = await ready;
  } catch (err) {
    return reply(message.id, { ok: false, error: { code: 'internal', message: `The session could not start: ${String(err)}` } });
  }
  reply(message.id, await dispatch(handlersFor(session), message.channel, message.request));
}

function isInvoke(m: unknown): m is { type: 'invoke'; id: number; channel: unknown; request: unknown } {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.type === 'invoke' && Number.isSafeInteger(r.id);
}

/** The request id of a message too broken to parse, when its envelope starts as the client writes it. */
function leadingId(text: string): number | null {
  const match = /^\{"type":"invoke","id":(\d{1,15})[,}]/.exec(text.slice(0, 64));
  return match ? Number(match[1]) : null;
}

function badMessage(message: string): Result<unknown> {
  return { ok: false, error: { code: 'invalid-request', message } };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
