import type { FromEngine, ToEngine } from '../../engine-protocol';

/**
 * How the job queue starts and talks to an engine process, whatever kind of
 * process it is: a Node child process (browser host, CLI, tests) or an Electron
 * utilityProcess (the desktop app). The queue needs nothing else, so a new kind
 * of process is one small class.
 */
export interface EngineHost {
  /**
   * Starts a new engine process. Must not throw for a process that fails to
   * start: report that through the channel's `onExit` instead, so the queue
   * fails the job rather than itself.
   */
  spawn(): EngineChannel;
}

/**
 * One running engine process. The queue adds its listeners right after
 * `spawn()` returns and may add more later (dispose awaits the exit), so keep
 * every listener; none is ever removed.
 */
export interface EngineChannel {
  /** The OS process id, once known (for logs and tests). */
  readonly pid?: number;
  /** Posts a message (structured clone). Silently dropped once the process has exited. */
  send(msg: ToEngine): void;
  /** Every message from the engine, in order; the first is `{ type: 'ready' }`. */
  onMessage(cb: (msg: FromEngine) => void): void;
  /**
   * Called exactly once when the process has gone, however it went (exit, crash,
   * kill, failure to start). `signal` is null where the platform does not say.
   */
  onExit(cb: (code: number | null, signal: string | null) => void): void;
  /** Ends the process now, without asking it (no cleanup is needed in an engine). */
  kill(): void;
}
