import type { WebSocket } from 'ws';
import type { Session } from '../services/session';

/**
 * Browser sessions by token. A tab keeps its token in localStorage, so a reload
 * or a dropped connection reattaches to the same open project; the project
 * lives in its own folder, so one student's recovery list never shows another's.
 */
interface Entry {
  ready: Promise<Session>;
  socket: WebSocket | null;
  idleTimer: NodeJS.Timeout | null;
}

export const TOKEN_PATTERN = /^[0-9a-f]{32}$/;

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly create: (token: string, send: (message: string) => void) => Promise<Session>,
    /** After this long without a connection, a session's engine process is stopped (it restarts on the next job). */
    private readonly idleMs = 10 * 60 * 1000,
  ) {}

  attach(token: string, socket: WebSocket): Promise<Session> {
    let entry = this.entries.get(token);
    if (!entry) {
      const created: Entry = { ready: Promise.resolve(null as unknown as Session), socket, idleTimer: null };
      created.ready = this.create(token, (message) => {
        if (created.socket?.readyState === 1) created.socket.send(message);
      });
      created.ready.catch(() => this.entries.delete(token));
      this.entries.set(token, created);
      entry = created;
    } else {
      // A second tab with the same token takes the session over; the first is told why it closes.
      if (entry.socket && entry.socket !== socket) entry.socket.close(4000, 'This project was opened in another tab.');
      entry.socket = socket;
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    return entry.ready;
  }

  detach(token: string, socket: WebSocket): void {
    const entry = this.entries.get(token);
    if (!entry || entry.socket !== socket) return;
    entry.socket = null;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      void entry.ready.then((session) => session.jobs.stopEngine()).catch(() => undefined);
    }, this.idleMs);
    entry.idleTimer.unref();
  }

  /** Server shutdown: stop engines, keep every working copy so each student can recover it. */
  async disposeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      entry.socket?.close(1001, 'The Nestor server is stopping.');
    }
    await Promise.allSettled(all.map((e) => e.ready.then((s) => s.dispose({ keepWorkingCopy: true }))));
  }
}
