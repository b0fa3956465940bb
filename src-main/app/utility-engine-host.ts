import { utilityProcess, type UtilityProcess } from 'electron';
import type { FromEngine, ToEngine } from '../engine-protocol';
import type { EngineChannel, EngineHost } from '../services/jobs/engine-host';

/**
 * Engine processes as Electron utility processes: a Node environment started
 * by Electron itself, so the packaged app needs no separate Node binary, and
 * structured-clone messages carry typed-array columns without copying to JSON.
 */
export class UtilityEngineHost implements EngineHost {
  constructor(private readonly scriptPath: string) {}

  spawn(): EngineChannel {
    const channel = new UtilityChannel();
    try {
      channel.attach(utilityProcess.fork(this.scriptPath, [], { serviceName: 'Nestor engine', stdio: 'pipe' }));
    } catch (err) {
      console.error(`Nestor: the engine process could not be started: ${(err as Error).message}`);
      // onExit is registered right after spawn() returns; report then, so the queue fails the job instead of waiting.
      queueMicrotask(() => channel.reportExit(null, null));
    }
    return channel;
  }
}

class UtilityChannel implements EngineChannel {
  private child: UtilityProcess | null = null;
  private exited = false;
  private readonly messageListeners: ((msg: FromEngine) => void)[] = [];
  private readonly exitListeners: ((code: number | null, signal: string | null) => void)[] = [];

  attach(child: UtilityProcess): void {
    this.child = child;
    forwardOutput(child.stdout, process.stdout);
    forwardOutput(child.stderr, process.stderr);
    child.on('message', (msg: unknown) => {
      for (const cb of this.messageListeners) cb(msg as FromEngine);
    });
    // Electron reports only an exit code (no signal), also after a V8 fatal error or a kill.
    child.on('exit', (code: number) => this.reportExit(code, null));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  send(msg: ToEngine): void {
    if (this.exited || !this.child) return;
    this.child.postMessage(msg);
  }

  onMessage(cb: (msg: FromEngine) => void): void {
    this.messageListeners.push(cb);
  }

  onExit(cb: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(cb);
  }

  kill(): void {
    if (!this.exited) this.child?.kill();
  }

  reportExit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const cb of this.exitListeners) cb(code, signal);
  }
}

/** With stdio 'pipe' the engine's output must be read, or a chatty engine would block on a full pipe; it goes to main's own output, marked. */
function forwardOutput(stream: NodeJS.ReadableStream | null, to: NodeJS.WritableStream): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) to.write(`[engine] ${line}\n`);
  });
  stream.on('end', () => {
    if (pending) to.write(`[engine] ${pending}\n`);
    pending = '';
  });
}
