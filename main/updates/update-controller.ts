import type { UpdateDisabledReason, UpdateState } from '../../preload/api.ts';
import { TypedEmitter } from '../typed-emitter.ts';

// Auto-update as a state machine over an updater interface (electron-updater's autoUpdater in
// the app, a fake in tests): check at start and every few hours, download in the background, and
// install only when the user asks. Nothing here ever throws into the caller or waits on the daemon.

/** The slice of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateControllerOptions {
  /** undefined when this build cannot update itself (see `unsupported`). */
  updater: Updater | undefined;
  currentVersion: string;
  /** Why this build cannot update itself, if it cannot (unsigned macOS build, dev run). */
  unsupported?: Exclude<UpdateDisabledReason, 'setting-off'>;
  /** The Settings switch. */
  enabled: boolean;
  intervalMs?: number;
  timers?: Timers;
  now?: () => number;
}

export const UPDATE_INTERVAL_MS = 4 * 60 * 60 * 1000;

export class UpdateController {
  private readonly o: UpdateControllerOptions;
  private readonly events = new TypedEmitter<{ state: UpdateState }>();
  private current: UpdateState;
  private enabled: boolean;
  private timer: unknown;
  private started = false;
  private checking: Promise<UpdateState> | undefined;

  constructor(options: UpdateControllerOptions) {
    this.o = options;
    this.enabled = options.enabled;
    this.current = { state: 'no-update', currentVersion: options.currentVersion };
    this.current = this.idleState();
    const u = options.updater;
    if (!u || options.unsupported) return;
    // We download ourselves (so the state machine sees it) and install only on consent.
    u.autoDownload = false;
    u.autoInstallOnAppQuit = false;
    u.on('checking-for-update', () => this.set({ state: 'checking' }));
    u.on('update-not-available', () => this.set({ state: 'no-update', checkedAt: this.now() }));
    u.on('update-available', (info) => {
      this.set({ state: 'available', version: info.version, checkedAt: this.now() });
      this.set({ state: 'downloading', version: info.version, percent: 0 });
      u.downloadUpdate().catch((error: unknown) => this.fail(error));
    });
    u.on('download-progress', (p) => {
      if (this.current.state === 'downloading')
        this.set({ ...this.current, percent: Math.round(p.percent) });
    });
    u.on('update-downloaded', (info) =>
      this.set({ state: 'downloaded', version: info.version, percent: 100 }),
    );
    u.on('error', (error) => this.fail(error));
  }

  get state(): UpdateState {
    return this.current;
  }

  on(event: 'state', listener: (s: UpdateState) => void): () => void {
    return this.events.on(event, listener);
  }

  /** The first check now, then one every intervalMs; does nothing while checks are off. */
  start(): void {
    this.started = true;
    this.schedule();
  }

  /** The Settings switch changed. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) {
      this.unschedule();
      // A downloaded update stays installable: the user already has it, turning checks off
      // only stops looking for more.
      if (this.current.state !== 'downloaded') this.set(this.idleState());
      return;
    }
    this.set(this.idleState());
    if (this.started) this.schedule();
  }

  /** One check; resolves with the state after it, never rejects. */
  check(): Promise<UpdateState> {
    const u = this.o.updater;
    if (!u || this.o.unsupported || !this.enabled) return Promise.resolve(this.current);
    // Already found (or fetching) an update: a periodic check must not start it over.
    if (this.current.state === 'downloading' || this.current.state === 'downloaded')
      return Promise.resolve(this.current);
    this.checking ??= u
      .checkForUpdates()
      .then(
        () => this.current,
        (error: unknown) => {
          this.fail(error);
          return this.current;
        },
      )
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Quits and installs; only valid once an update is downloaded, and only on the user's request. */
  install(): void {
    if (this.current.state !== 'downloaded' || !this.o.updater) {
      throw new Error('No update has been downloaded yet.');
    }
    // isSilent=false: Windows shows the installer's progress; isForceRunAfter=true: the app comes back.
    this.o.updater.quitAndInstall(false, true);
  }

  dispose(): void {
    this.unschedule();
    this.events.dispose();
  }

  private schedule(): void {
    if (!this.o.updater || this.o.unsupported || !this.enabled || this.timer !== undefined) return;
    const timers = this.o.timers ?? {
      setInterval,
      clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
    };
    this.timer = timers.setInterval(
      () => void this.check(),
      this.o.intervalMs ?? UPDATE_INTERVAL_MS,
    );
    (this.timer as { unref?: () => void }).unref?.();
    void this.check();
  }

  private unschedule(): void {
    if (this.timer === undefined) return;
    (
      this.o.timers ?? { clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout) }
    ).clearInterval(this.timer);
    this.timer = undefined;
  }

  private idleState(): UpdateState {
    if (this.o.unsupported)
      return {
        state: 'disabled',
        currentVersion: this.o.currentVersion,
        disabledReason: this.o.unsupported,
      };
    if (!this.enabled)
      return {
        state: 'disabled',
        currentVersion: this.o.currentVersion,
        disabledReason: 'setting-off',
      };
    const { checkedAt } = this.current;
    return {
      state: 'no-update',
      currentVersion: this.o.currentVersion,
      ...(checkedAt ? { checkedAt } : {}),
    };
  }

  private fail(error: unknown): void {
    if (!this.enabled) return;
    const text = error instanceof Error ? error.message : String(error);
    // electron-updater's messages can carry a whole HTTP response: keep the first line.
    const line = (text.split('\n')[0] ?? '').trim().slice(0, 200) || 'unknown error';
    this.set({ state: 'error', error: line, checkedAt: this.now() });
  }

  private set(next: Omit<UpdateState, 'currentVersion'>): void {
    // Events from a check that was running when checks were turned off change nothing.
    if (!this.enabled && next.state !== 'disabled' && next.state !== 'downloaded') return;
    this.current = { ...next, currentVersion: this.o.currentVersion };
    this.events.emit('state', this.current);
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}
