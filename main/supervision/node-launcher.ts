import { fork, type ChildProcess } from 'node:child_process';
import { DAEMON_NODE_FLAGS, type ParentToDaemon } from '../../daemon/parent/messages.ts';
import type { DaemonProcess, DaemonProcessEvents, LaunchRequest, Launcher } from './launcher.ts';
import { LineSplitter } from './line-splitter.ts';
import { TypedEmitter } from '../typed-emitter.ts';

export interface NodeLauncherOptions {
  /** The daemon entry script, e.g. daemon/cli/exai.ts. */
  entry: string;
  /** The Node binary; defaults to the one running us (Node 24 in tests and `npm start`). */
  execPath?: string;
  execArgv?: string[];
  cwd?: string;
}

/** Forks the daemon with child_process.fork: used by tests, the Playwright harness and headless runs. */
export class NodeLauncher implements Launcher {
  private readonly options: NodeLauncherOptions;

  constructor(options: NodeLauncherOptions) {
    this.options = options;
  }

  launch(request: LaunchRequest): DaemonProcess {
    const child = fork(this.options.entry, request.args, {
      execPath: this.options.execPath ?? process.execPath,
      execArgv: this.options.execArgv ?? [...DAEMON_NODE_FLAGS],
      cwd: this.options.cwd,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new NodeDaemonProcess(child);
  }
}

class NodeDaemonProcess implements DaemonProcess {
  private readonly child: ChildProcess;
  private readonly events = new TypedEmitter<DaemonProcessEvents>();
  private exited = false;

  constructor(child: ChildProcess) {
    this.child = child;
    const out = new LineSplitter((line) => this.events.emit('stdout', line));
    const err = new LineSplitter((line) => this.events.emit('stderr', line));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('message', (message) => this.events.emit('message', message));
    // A spawn failure (missing binary) arrives as 'error' and may never be followed by 'exit'.
    child.on('error', (error) => {
      this.events.emit('stderr', `launch error: ${error.message}`);
      if (child.pid === undefined) this.finish(null, null);
    });
    // 'close' waits for stdio to drain, so the last stderr lines are in before we report the exit.
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      this.finish(code, signal);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: ParentToDaemon): boolean {
    if (!this.child.connected) return false;
    try {
      return this.child.send(message);
    } catch {
      return false;
    }
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  on<K extends keyof DaemonProcessEvents>(
    event: K,
    listener: (payload: DaemonProcessEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.events.emit('exit', { code, signal });
  }
}
