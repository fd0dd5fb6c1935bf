import type { ParentToDaemon, ReadyMessage } from '../../daemon/parent/messages.ts';
import type {
  DaemonProcess,
  DaemonProcessEvents,
  LaunchRequest,
  Launcher,
} from '../../main/supervision/launcher.ts';
import { TypedEmitter } from '../../main/typed-emitter.ts';

// A scripted stand-in for the daemon, for supervisor logic that does not need a real process.
export class FakeProcess implements DaemonProcess {
  readonly events = new TypedEmitter<DaemonProcessEvents>();
  readonly received: ParentToDaemon[] = [];
  readonly request: LaunchRequest;
  readonly pid: number;
  exited = false;
  killed = false;
  /** What to do on `shutdown`: exit cleanly (default) or ignore it (a hung daemon). */
  onShutdown: 'exit' | 'ignore' = 'exit';

  constructor(request: LaunchRequest, pid: number) {
    this.request = request;
    this.pid = pid;
  }

  send(message: ParentToDaemon): boolean {
    if (this.exited) return false;
    this.received.push(message);
    if (message.type === 'shutdown' && this.onShutdown === 'exit')
      setTimeout(() => this.exit(0), 5);
    return true;
  }

  kill(): void {
    this.killed = true;
    setTimeout(() => this.exit(null, 'SIGKILL'), 5);
  }

  on<K extends keyof DaemonProcessEvents>(
    event: K,
    listener: (payload: DaemonProcessEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  ready(port = 8765): void {
    const msg: ReadyMessage = {
      type: 'ready',
      pid: this.pid,
      host: '127.0.0.1',
      port,
      endpoint: `ws://127.0.0.1:${port}`,
      httpEndpoint: `http://127.0.0.1:${port}/mcp`,
      version: '0.0.0-test',
    };
    this.events.emit('message', msg);
  }

  stderr(line: string): void {
    this.events.emit('stderr', line);
  }

  message(m: unknown): void {
    this.events.emit('message', m);
  }

  exit(code: number | null, signal: string | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.events.emit('exit', { code, signal });
  }
}

export class FakeLauncher implements Launcher {
  readonly launched: FakeProcess[] = [];
  /** Runs on every launch, e.g. to make the fake become ready or crash. */
  behaviour: (p: FakeProcess) => void = (p) => setTimeout(() => p.ready(), 5);
  private nextPid = 1000;

  launch(request: LaunchRequest): FakeProcess {
    const p = new FakeProcess(request, this.nextPid++);
    this.launched.push(p);
    this.behaviour(p);
    return p;
  }

  get last(): FakeProcess {
    const p = this.launched.at(-1);
    if (!p) throw new Error('nothing launched');
    return p;
  }
}
