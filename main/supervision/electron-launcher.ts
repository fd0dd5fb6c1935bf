import type { UtilityProcess } from 'electron';
import { DAEMON_NODE_FLAGS, type ParentToDaemon } from '../../daemon/parent/messages.ts';
import type { DaemonProcess, DaemonProcessEvents, LaunchRequest, Launcher } from './launcher.ts';
import { LineSplitter } from './line-splitter.ts';
import { TypedEmitter } from '../typed-emitter.ts';

// Runs the daemon as an Electron utilityProcess: a Node process Chromium sandboxes and reports
// (app.getAppMetrics names it 'exai-daemon'), without needing a Node install or runAsNode.

export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: {
    env: Record<string, string>;
    stdio: 'pipe';
    serviceName: string;
    execArgv: string[];
  },
) => UtilityProcess;

export interface ElectronLauncherOptions {
  /** utilityProcess.fork, passed in so this file runs (and is tested) without Electron. */
  fork: UtilityFork;
  /** The bundled daemon entry (dist/daemon/exai.mjs). */
  entry: string;
  /** process.kill, for the hard kill: UtilityProcess.kill() is only SIGTERM on POSIX. */
  killPid?: (pid: number, signal: NodeJS.Signals) => void;
}

export class ElectronLauncher implements Launcher {
  private readonly options: ElectronLauncherOptions;

  constructor(options: ElectronLauncherOptions) {
    this.options = options;
  }

  launch(request: LaunchRequest): DaemonProcess {
    const child = this.options.fork(this.options.entry, request.args, {
      env: request.env,
      stdio: 'pipe',
      serviceName: 'exai-daemon',
      execArgv: [...DAEMON_NODE_FLAGS],
    });
    return new UtilityDaemonProcess(
      child,
      this.options.killPid ?? ((pid, sig) => process.kill(pid, sig)),
    );
  }
}

class UtilityDaemonProcess implements DaemonProcess {
  private readonly child: UtilityProcess;
  private readonly killPid: (pid: number, signal: NodeJS.Signals) => void;
  private readonly events = new TypedEmitter<DaemonProcessEvents>();
  private exited = false;
  private killedHard = false;

  constructor(child: UtilityProcess, killPid: (pid: number, signal: NodeJS.Signals) => void) {
    this.child = child;
    this.killPid = killPid;
    const out = new LineSplitter((line) => this.events.emit('stdout', line));
    const err = new LineSplitter((line) => this.events.emit('stderr', line));
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('message', (message: unknown) => this.events.emit('message', message));
    child.on('error', (type, location) =>
      this.events.emit('stderr', `utility process error: ${type} at ${location}`),
    );
    child.on('exit', (code) => {
      if (this.exited) return;
      this.exited = true;
      out.flush();
      err.flush();
      // utilityProcess reports only a code; a kill we did shows as a signal for a clearer reason.
      this.events.emit('exit', {
        code: this.killedHard ? null : code,
        signal: this.killedHard ? 'SIGKILL' : null,
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: ParentToDaemon): boolean {
    if (this.exited) return false;
    this.child.postMessage(message);
    return true;
  }

  kill(): void {
    if (this.exited) return;
    this.killedHard = true;
    const pid = this.child.pid;
    try {
      if (pid !== undefined) this.killPid(pid, 'SIGKILL');
      else this.child.kill();
    } catch {
      this.child.kill();
    }
  }

  on<K extends keyof DaemonProcessEvents>(
    event: K,
    listener: (payload: DaemonProcessEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }
}
