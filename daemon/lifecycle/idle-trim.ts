/** V8's `gc`, present when the process runs with --expose-gc (see DAEMON_NODE_FLAGS). */
export type ExposedGc = (options: {
  type: 'major';
  execution: 'sync';
  flavor: 'last-resort';
}) => void;

/** How long the daemon must have run nothing before it gives memory back. */
export const IDLE_TRIM_MS = 10_000;

/**
 * Gives memory back after work. V8 keeps the heap a burst of calls grew (and the young generation
 * that start-up grew), and a Node process that goes quiet does not shrink it: a daemon that had
 * served a burst sat in the tray at its peak RSS. Once nothing has run for `idleMs`, one
 * memory-reducing full GC (about 25 ms of CPU) returns it; the next one waits for more work.
 * Without an exposed `gc` (a daemon started without the launchers' flags) it does nothing.
 */
export class IdleTrim {
  private readonly idleMs: number;
  private readonly busy: () => boolean;
  private readonly gc: ExposedGc | undefined;
  private readonly onTrim: ((rssBefore: number, rssAfter: number) => void) | undefined;
  private readonly now: () => number;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: {
    idleMs?: number;
    /** Calls in flight: no trim under them, it waits for the next quiet period. */
    busy(): boolean;
    gc: ExposedGc | undefined;
    onTrim?(rssBefore: number, rssAfter: number): void;
    now?: () => number;
  }) {
    this.idleMs = options.idleMs ?? IDLE_TRIM_MS;
    this.busy = options.busy;
    this.gc = options.gc;
    this.onTrim = options.onTrim;
    this.now = options.now ?? Date.now;
  }

  /** Work happened (a call ended, start-up finished): trim once it has been quiet for idleMs. */
  activity(): void {
    if (!this.gc) return;
    // One assignment per call; the timer re-arms itself for what is left of the quiet period.
    this.lastActivity = this.now();
    this.timer ??= this.arm(this.idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.fire(), ms);
    timer.unref();
    return timer;
  }

  private fire(): void {
    const quietFor = this.now() - this.lastActivity;
    if (quietFor < this.idleMs) {
      this.timer = this.arm(this.idleMs - quietFor);
      return;
    }
    // A call still running: look again a quiet period later (its end also counts as activity).
    if (this.busy()) {
      this.timer = this.arm(this.idleMs);
      return;
    }
    this.timer = undefined;
    const before = process.memoryUsage.rss();
    this.gc!({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    this.onTrim?.(before, process.memoryUsage.rss());
  }
}
