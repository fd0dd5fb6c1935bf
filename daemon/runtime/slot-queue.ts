import { ToolError } from '../core/tool-error.ts';

/** One held place under a limit. `release()` frees it once; later calls do nothing. */
export interface Slot {
  release(): void;
  readonly released: boolean;
}

export interface SlotQueueOptions {
  /** Named in OVER_CAPACITY messages: "global", "session", "kimi", "glm". */
  name: string;
  /** Read on every acquire and release, so a new setting applies at once. */
  limit: () => number;
  queueLength: () => number;
  queueWaitMs: () => number;
  /** Called when nothing holds or waits for a slot any more (lets per-session queues be dropped). */
  onIdle?: () => void;
}

interface Waiter {
  grant(): void;
  /** Already admitted once (it holds other slots): served before new arrivals. */
  ahead: boolean;
}

export interface AcquireOptions {
  /** Longest wait for a slot (default: the queue's wait); past it, OVER_CAPACITY. */
  maxWaitMs?: number;
  /**
   * For a call that already holds a slot elsewhere and comes back for this one (a call taking its
   * global slot again after a provider wait): it goes ahead of new arrivals and is never refused
   * for a full queue, so a held provider slot does not sit idle behind them.
   */
  ahead?: boolean;
}

/** retry_after is stated to a tenth of a second, between these bounds. */
const RETRY_AFTER_MIN_S = 0.1;
const RETRY_AFTER_MAX_S = 60;

/**
 * A counting semaphore with a bounded FIFO wait queue. The original tried a slot for 1 ms and
 * then refused; here a call waits its turn, and OVER_CAPACITY comes only when the queue is full
 * (`queueLength` calls already waiting) or the wait runs out. Order: first come, first served,
 * except that calls coming back for a slot (`ahead`) go before new arrivals.
 */
export class SlotQueue {
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private readonly options: SlotQueueOptions;
  /** Smoothed seconds a slot is held, for retry_after. */
  private holdS = 1;

  constructor(options: SlotQueueOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.name;
  }

  get inflight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** True when acquire() would grant a slot at once. */
  get hasFreeSlot(): boolean {
    return this.waiters.length === 0 && this.active < this.options.limit();
  }

  get limit(): number {
    return this.options.limit();
  }

  /**
   * Seconds a refused caller should wait: about how long the calls now waiting take to get a slot
   * (each slot is held `holdS` on average), in tenths of a second. Whole seconds made a caller
   * refused by a queue that drains in 0.3 s idle for a second or more.
   */
  retryAfterS(): number {
    const rounds = (this.waiters.length + 1) / Math.max(1, this.options.limit());
    const s = Math.ceil(this.holdS * rounds * 10) / 10;
    return Math.min(RETRY_AFTER_MAX_S, Math.max(RETRY_AFTER_MIN_S, s));
  }

  /**
   * Resolves with a slot, or rejects with OVER_CAPACITY (queue full, or no slot within
   * `maxWaitMs`, default the queue's wait), or with `signal.reason` if the caller gives up first
   * (it leaves the queue at once).
   */
  acquire(signal?: AbortSignal, options: AcquireOptions = {}): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const ahead = options.ahead === true;
    if (this.active < this.options.limit() && (ahead || this.waiters.length === 0))
      return Promise.resolve(this.take());
    const maxWaitMs = options.maxWaitMs ?? this.options.queueWaitMs();
    const queueLength = this.options.queueLength();
    if (!ahead && this.waiters.length >= queueLength) {
      return Promise.reject(
        new ToolError(
          'OVER_CAPACITY',
          queueLength === 0
            ? `the ${this.name} limit of ${this.options.limit()} calls in flight is reached; retry shortly`
            : `the ${this.name} limit of ${this.options.limit()} calls in flight is reached and ${this.waiters.length} calls are already waiting; retry shortly`,
          { retryAfter: this.retryAfterS() },
        ),
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const leave = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.idleCheck();
      };
      const waiter: Waiter = {
        ahead,
        grant: () => {
          const slot = this.take(); // before leave(), so the queue never looks idle in between
          leave();
          resolve(slot);
        },
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          leave();
          reject(
            new ToolError(
              'OVER_CAPACITY',
              `no ${this.name} slot became free within ${Math.round(maxWaitMs / 100) / 10}s (limit ${this.options.limit()} calls in flight); retry shortly`,
              {
                retryAfter: this.retryAfterS(),
              },
            ),
          );
        },
        Math.max(0, maxWaitMs),
      );
      if (ahead) {
        // After the other returning calls, before every new arrival.
        const at = this.waiters.findIndex((w) => !w.ahead);
        this.waiters.splice(at < 0 ? this.waiters.length : at, 0, waiter);
      } else this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private take(): Slot {
    this.active += 1;
    const takenAt = Date.now();
    let released = false;
    return {
      get released() {
        return released;
      },
      release: () => {
        // Exactly once: the original's semaphore could be released twice and drift upwards.
        if (released) return;
        released = true;
        this.active -= 1;
        this.holdS = 0.8 * this.holdS + 0.2 * ((Date.now() - takenAt) / 1000);
        this.pump();
        this.idleCheck();
      },
    };
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.active < this.options.limit()) this.waiters[0]!.grant();
  }

  private idleCheck(): void {
    if (this.active === 0 && this.waiters.length === 0) this.options.onIdle?.();
  }
}
