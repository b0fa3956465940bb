import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromEngine, ToEngine } from '../../engine-protocol';
import type { EngineChannel, EngineHost } from './engine-host';

export interface ChildProcessHostOptions {
  /** The built engine entry; defaults to engine-process.js next to the running main bundle. */
  script?: string;
  /** Node flags for the engine (e.g. `--max-old-space-size=8192`); none by default. */
  execArgv?: string[];
  /** Added to (and overriding) this process's environment. */
  env?: Record<string, string | undefined>;
  /** Where the engine's stdout/stderr go: this process's own (default), or nowhere (tests that crash it on purpose). */
  output?: 'inherit' | 'ignore';
}

/**
 * Engine processes as Node child processes: the browser host, the CLI and the
 * tests. `serialization: 'advanced'` is what lets Float64Array and Int32Array
 * columns cross as typed arrays instead of JSON objects with numeric keys.
 * Under Electron use the utilityProcess host instead: forking here would start
 * another Electron, not Node.
 */
export class ChildProcessEngineHost implements EngineHost {
  private readonly scriptPath: string;

  constructor(private readonly options: ChildProcessHostOptions = {}) {
    this.scriptPath = options.script ?? defaultScriptPath();
  }

  spawn(): EngineChannel {
    const child = fork(this.scriptPath, [], {
      serialization: 'advanced',
      execArgv: this.options.execArgv ?? [],
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', this.options.output ?? 'inherit', this.options.output ?? 'inherit', 'ipc'],
    });
    return new ChildProcessChannel(child);
  }
}

class ChildProcessChannel implements EngineChannel {
  private exited = false;
  private exitListeners: ((code: number | null, signal: string | null) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    // 'error' covers a process that could not be started or signalled; it may or may not be followed by 'exit'.
    child.on('error', (err) => {
      if (child.exitCode === null && child.signalCode === null && child.pid === undefined) {
        console.error(`Nestor: the engine process could not be started: ${err.message}`);
        this.reportExit(null, null);
      }
    });
    child.on('exit', (code, signal) => this.reportExit(code, signal));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(msg: ToEngine): void {
    if (this.exited || !this.child.connected) return;
    // The callback receives send failures (channel closed mid-send); the exit event reports those.
    this.child.send(msg, undefined, {}, () => undefined);
  }

  onMessage(cb: (msg: FromEngine) => void): void {
    this.child.on('message', (msg) => cb(msg as FromEngine));
  }

  onExit(cb: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(cb);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private reportExit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const cb of this.exitListeners) cb(code, signal);
  }
}

function defaultScriptPath(): string {
  return fileURLToPath(new URL('./engine-process.js', import.meta.url));
}
