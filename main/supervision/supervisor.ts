import type {
  DaemonToParent,
  FatalMessage,
  ParentToDaemon,
  ReadyMessage,
} from '../../daemon/parent/messages.ts';
import type {
  DaemonState,
  LogLine,
  StatusSnapshot,
  SupervisorStateName,
} from '../../preload/api.ts';
import { CrashPolicy, type CrashPolicyOptions } from './crash-policy.ts';
import { describeExit, type ExitReason } from './exit-reason.ts';
import type { DaemonProcess, ExitInfo, Launcher } from './launcher.ts';
import { settledWithin } from './settled-within.ts';
import { TypedEmitter } from '../typed-emitter.ts';

// Owns the daemon's lifecycle: stopped → starting → running → stopping → stopped, and on a crash
// crashed → backing-off → starting, until a crash loop puts it in `failed` where it waits for the
// user. Every start reads a fresh LaunchSpec, so settings changes apply on the next start.

export interface LaunchSpec {
  host: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
}

export interface SupervisorOptions {
  launcher: Launcher;
  launchSpec: () => LaunchSpec | Promise<LaunchSpec>;
  readyTimeoutMs?: number;
  /** How long `shutdown` may take before the daemon is killed. */
  stopGraceMs?: number;
  /** A daemon up this long has recovered: the next crash is retried after 1 s again. */
  stableAfterMs?: number;
  crashPolicy?: CrashPolicyOptions;
  tailLines?: number;
  now?: () => number;
}

export interface SupervisorEvents {
  state: DaemonState;
  status: StatusSnapshot;
  log: LogLine;
  ready: ReadyMessage;
  /** A legacy client rotated the daemon's token; the new one (a secret: never log it). */
  'token-rotated': string;
}

interface Run {
  proc: DaemonProcess;
  spec: LaunchSpec;
  ready?: ReadyMessage;
  fatal?: FatalMessage;
  stopRequested: boolean;
  exit?: ExitInfo;
  exited: Promise<ExitInfo>;
  settled: (outcome: 'ready' | 'exit') => void;
}

const KILL_WAIT_MS = 5_000;

export class Supervisor {
  private readonly events = new TypedEmitter<SupervisorEvents>();
  private readonly options: SupervisorOptions;
  private readonly policy: CrashPolicy;
  private readonly now: () => number;
  private current: DaemonState;
  private run: Run | undefined;
  private status: StatusSnapshot | null = null;
  private tail: string[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private pendingStart: Promise<DaemonState> | undefined;
  private pendingStop: Promise<DaemonState> | undefined;
  private disposed = false;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.policy = new CrashPolicy(options.crashPolicy);
    this.now = options.now ?? Date.now;
    this.current = { state: 'stopped', restarts: 0, since: this.now() };
  }

  on<K extends keyof SupervisorEvents>(
    event: K,
    listener: (payload: SupervisorEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  get state(): DaemonState {
    return { ...this.current };
  }

  /** The latest status snapshot of the running daemon, or null when it is not running. */
  get lastStatus(): StatusSnapshot | null {
    return this.status;
  }

  /** What the daemon said when it became ready (host, port, endpoints), while it runs. */
  get readyInfo(): ReadyMessage | undefined {
    return this.current.state === 'running' ? this.run?.ready : undefined;
  }

  /** Starts the daemon (a user action: clears a crash loop) and resolves once it is running or has failed. */
  async start(): Promise<DaemonState> {
    this.assertLive();
    if (this.pendingStop) await this.pendingStop;
    if (this.pendingStart) return this.pendingStart;
    if (this.current.state === 'running') return this.state;
    this.clearRetry();
    this.policy.reset();
    this.current.restarts = 0;
    return this.launch();
  }

  /** Sends `shutdown`, waits out the grace period, then kills. Also cancels a pending retry. */
  stop(): Promise<DaemonState> {
    if (this.pendingStop) return this.pendingStop;
    this.pendingStop = this.doStop().finally(() => {
      this.pendingStop = undefined;
    });
    return this.pendingStop;
  }

  async restart(): Promise<DaemonState> {
    await this.stop();
    return this.start();
  }

  /** Sends a message to the running daemon; false when there is none to receive it. */
  send(message: ParentToDaemon): boolean {
    const run = this.run;
    if (!run?.ready || run.stopRequested) return false;
    return run.proc.send(message);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stop();
    this.disposed = true;
    this.events.dispose();
  }

  private launch(): Promise<DaemonState> {
    this.pendingStart = this.doLaunch().finally(() => {
      this.pendingStart = undefined;
    });
    return this.pendingStart;
  }

  private async doLaunch(): Promise<DaemonState> {
    this.tail = [];
    this.setState('starting', {});
    let spec: LaunchSpec;
    try {
      spec = await this.options.launchSpec();
    } catch (err) {
      // Nothing to retry: settings the daemon cannot be started with need the user.
      const detail = (err as Error).message;
      this.setState('failed', {
        reasonCode: 'bad-config',
        reason: `Cannot start the daemon: ${detail}`,
        reasonMessage: { key: 'reason.cannot-start', params: { detail } },
      });
      return this.state;
    }
    if (this.current.state !== 'starting') return this.state; // stopped while reading settings

    const run = this.spawn(spec);
    const outcome = await new Promise<'ready' | 'exit' | 'timeout'>((resolve) => {
      run.settled = resolve;
      const timer = setTimeout(() => resolve('timeout'), this.options.readyTimeoutMs ?? 30_000);
      void run.exited.finally(() => clearTimeout(timer));
      if (run.ready) resolve('ready');
    });

    if (run.stopRequested) {
      // Stopped while starting: report what the stop ends in, not the transient `stopping`.
      if (this.pendingStop) await this.pendingStop;
      return this.state;
    }
    if (outcome === 'ready' && run.ready) {
      const r = run.ready;
      this.setState('running', {
        pid: r.pid,
        endpoint: r.endpoint,
        httpEndpoint: r.httpEndpoint,
        port: r.port,
      });
      this.events.emit('ready', r);
      this.stableTimer = setTimeout(
        () => this.policy.markStable(),
        this.options.stableAfterMs ?? 60_000,
      );
      return this.state;
    }
    if (outcome === 'timeout') {
      run.stopRequested = true; // we handle this exit ourselves, below
      run.proc.kill();
      await settledWithin(run.exited, KILL_WAIT_MS);
      if (this.run === run) this.run = undefined;
      this.crashed(
        describeExit({
          timedOut: true,
          wasReady: false,
          port: spec.port,
          lastStderr: this.tail.at(-1),
        }),
      );
    }
    // outcome 'exit': onExit has already moved us to crashed/backing-off/failed.
    return this.state;
  }

  private spawn(spec: LaunchSpec): Run {
    const args = [
      'daemon',
      '--port',
      String(spec.port),
      '--data-dir',
      spec.dataDir,
      '--host',
      spec.host,
    ];
    const proc = this.options.launcher.launch({ args, env: spec.env });
    let markExited: (info: ExitInfo) => void = () => {};
    const run: Run = {
      proc,
      spec,
      stopRequested: false,
      exited: new Promise<ExitInfo>((resolve) => (markExited = resolve)),
      settled: () => {},
    };
    this.run = run;
    proc.on('message', (raw) => this.onMessage(run, raw as DaemonToParent));
    proc.on('stderr', (line) => this.remember(line, 'error'));
    proc.on('stdout', (line) => this.remember(line, 'info'));
    proc.on('exit', (info) => {
      run.exit = info;
      markExited(info);
      run.settled('exit');
      this.onExit(run);
    });
    return run;
  }

  private onMessage(run: Run, message: DaemonToParent): void {
    if (this.run !== run || typeof message !== 'object' || message === null) return;
    switch (message.type) {
      case 'ready':
        run.ready = message;
        run.settled('ready');
        break;
      case 'fatal':
        run.fatal = message;
        this.remember(message.message, 'fatal');
        break;
      case 'status':
        this.status = message.snapshot;
        this.events.emit('status', message.snapshot);
        break;
      case 'token-rotated':
        if (typeof message.token === 'string') this.events.emit('token-rotated', message.token);
        break;
      case 'log': {
        const line: LogLine = { time: message.time, level: message.level, msg: message.msg };
        if (message.fields) line.fields = message.fields;
        if (message.level === 'warn' || message.level === 'error' || message.level === 'fatal')
          this.pushTail(message.msg);
        this.events.emit('log', line);
        break;
      }
    }
  }

  private remember(text: string, level: LogLine['level']): void {
    this.pushTail(text);
    this.events.emit('log', { time: this.now(), level, msg: text });
  }

  private pushTail(line: string): void {
    this.tail.push(line);
    const max = this.options.tailLines ?? 30;
    if (this.tail.length > max) this.tail.splice(0, this.tail.length - max);
  }

  private onExit(run: Run): void {
    if (this.run !== run) return;
    this.run = undefined;
    this.status = null;
    clearTimeout(this.stableTimer);
    if (run.stopRequested) return; // stop() or the ready timeout owns this exit
    const lastStderr =
      [...this.tail].reverse().find((l) => l !== run.fatal?.message) ?? this.tail.at(-1);
    this.crashed(
      describeExit({
        fatal: run.fatal,
        exit: run.exit,
        wasReady: Boolean(run.ready),
        port: run.spec.port,
        lastStderr,
      }),
    );
  }

  private crashed(why: ExitReason): void {
    if (this.disposed) return;
    const lastLogLines = [...this.tail];
    this.setState('crashed', {
      reason: why.reason,
      reasonMessage: why.message,
      reasonCode: why.code,
      lastLogLines,
    });
    const verdict = this.policy.recordCrash(this.now());
    if (verdict.action === 'give-up') {
      this.setState('failed', {
        reason: `Stopped retrying after ${verdict.crashes} crashes within ${Math.round(this.policy.windowMs / 1000)} s. ${why.reason}`,
        reasonMessage: {
          key: 'reason.crashLoop',
          params: { count: verdict.crashes, windowS: Math.round(this.policy.windowMs / 1000) },
          // The cause, translated inside: see translateMessage in main/i18n.ts.
          cause: why.message,
        },
        reasonCode: why.code === 'exit' ? 'crash-loop' : why.code,
        lastLogLines,
      });
      return;
    }
    const now = this.now();
    const nextRetryAt = now + verdict.delayMs;
    this.setState(
      'backing-off',
      {
        reason: why.reason,
        reasonMessage: why.message,
        reasonCode: why.code,
        lastLogLines,
        nextRetryAt,
      },
      now,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.current.restarts += 1;
      void this.launch();
    }, verdict.delayMs);
  }

  private async doStop(): Promise<DaemonState> {
    this.clearRetry();
    clearTimeout(this.stableTimer);
    const run = this.run;
    if (!run) {
      if (this.current.state !== 'stopped') this.setState('stopped', {});
      return this.state;
    }
    run.stopRequested = true;
    this.setState('stopping', { pid: run.proc.pid });
    const graceMs = this.options.stopGraceMs ?? 8_000;
    // A daemon still starting may not listen for messages yet; the kill below covers it.
    run.proc.send({ type: 'shutdown', graceS: Math.max(0, graceMs / 1000 - 1) });
    if (!(await settledWithin(run.exited, graceMs))) {
      run.proc.kill();
      await settledWithin(run.exited, KILL_WAIT_MS);
    }
    run.settled('exit');
    if (this.run === run) this.run = undefined;
    this.status = null;
    this.setState('stopped', {});
    return this.state;
  }

  /** `now` is passed when `extra` holds times computed from it, so `since` agrees with them. */
  private setState(
    state: SupervisorStateName,
    extra: Omit<Partial<DaemonState>, 'state' | 'restarts' | 'since'>,
    now = this.now(),
  ): void {
    this.current = { state, restarts: this.current.restarts, since: now, ...extra };
    this.events.emit('state', this.state);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('The supervisor has been disposed.');
  }
}
