// When to retry a crashed daemon and when to give up. Kept apart from the supervisor so the
// numbers (1 s doubling to 30 s; five crashes in 60 s = a crash loop) are tested on their own.

export interface CrashPolicyOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  maxCrashes?: number;
  windowMs?: number;
}

export type CrashVerdict =
  { action: 'retry'; delayMs: number } | { action: 'give-up'; crashes: number };

export class CrashPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxCrashes: number;
  readonly windowMs: number;
  private crashes: number[] = [];
  /** Crashes since the daemon last ran stably; drives the delay, not the give-up rule. */
  private consecutive = 0;

  constructor(options: CrashPolicyOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxCrashes = options.maxCrashes ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Records a crash at `now` and says whether to retry (and after how long) or stop. */
  recordCrash(now: number): CrashVerdict {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    this.consecutive += 1;
    const n = this.crashes.length;
    if (n >= this.maxCrashes) return { action: 'give-up', crashes: n };
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (this.consecutive - 1));
    return { action: 'retry', delayMs };
  }

  /** The daemon has stayed up for a while: the next crash is retried quickly again. */
  markStable(): void {
    this.consecutive = 0;
  }

  /** The user acted (Start/Restart): forget the history so retries begin again at 1 s. */
  reset(): void {
    this.crashes = [];
    this.consecutive = 0;
  }

  get recentCrashes(): number {
    return this.crashes.length;
  }
}
