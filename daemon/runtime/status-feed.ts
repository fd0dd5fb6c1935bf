import type { StatusSnapshot } from '../parent/status.ts';

export interface StatusFeedOptions {
  snapshot: () => StatusSnapshot;
  send: (snapshot: StatusSnapshot) => void;
  /** A full snapshot at least this often. */
  intervalMs?: number;
  /** Changes within this window are reported together, so a burst sends one snapshot. */
  settleMs?: number;
}

/** The app's view of the daemon: a snapshot every second, and at once when something changes. */
export class StatusFeed {
  private readonly options: Required<StatusFeedOptions>;
  private readonly ticker: NodeJS.Timeout;
  private pending: NodeJS.Timeout | undefined;

  constructor(options: StatusFeedOptions) {
    this.options = { intervalMs: 1_000, settleMs: 50, ...options };
    this.ticker = setInterval(() => this.sendNow(), this.options.intervalMs);
    this.ticker.unref();
  }

  changed(): void {
    this.pending ??= setTimeout(() => this.sendNow(), this.options.settleMs);
  }

  sendNow(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    this.options.send(this.options.snapshot());
  }

  dispose(): void {
    clearInterval(this.ticker);
    clearTimeout(this.pending);
  }
}
