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
}

/**
 * A counting semaphore with a bounded FIFO wait queue. The original tried a slot for 1 ms and
 * then refused; here a call waits its turn, and OVER_CAPACITY comes only when the queue is full
 * or the wait runs out.
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

  /** Seconds a refused caller should wait: roughly how long until the queue drains once. */
  retryAfterS(): number {
    const rounds = (this.waiters.length + 1) / Math.max(1, this.options.limit());
    return Math.min(60, Math.max(1, Math.ceil(this.holdS * rounds)));
  }

  /**
   * Resolves with a slot, or rejects with OVER_CAPACITY (queue full, or no slot within
   * `maxWaitMs`, default the queue's wait), or with `signal.reason` if the caller gives up first.
   */
  acquire(signal?: AbortSignal, maxWaitMs = this.options.queueWaitMs()): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.active < this.options.limit())
      return Promise.resolve(this.take());
    const queueLength = this.options.queueLength();
    if (this.waiters.length >= queueLength) {
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
      this.waiters.push(waiter);
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
