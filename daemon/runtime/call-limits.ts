import type { Config } from '../config/schema.ts';
import { PROVIDER_IDS, type ProviderId } from '../core/provider-id.ts';
import { SlotQueue, type Slot } from './slot-queue.ts';

/** A call's session and global slots. */
export interface CallSlot extends Slot {
  /**
   * Runs `wait` (a wait for a provider slot) without holding a global slot, then takes one
   * again: a call queued behind a saturated provider must not keep calls to the other
   * provider out. If the global slot cannot be had, what `wait` got is released.
   */
  withoutGlobal<T extends Slot>(wait: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface LimitCounters {
  inflight: number;
  queued: number;
  limit: number;
}

/**
 * The in-flight limits of the original, each with a bounded wait queue: global, per provider
 * and per session. A call takes its session slot, then a global one (one wait budget for both);
 * the provider slot is taken by the provider layer right before its upstream request, and while
 * a call waits for it, it gives its global slot back.
 */
export class CallLimits {
  private readonly config: () => Config;
  readonly global: SlotQueue;
  readonly providers: ReadonlyMap<ProviderId, SlotQueue>;
  private readonly sessions = new Map<string, SlotQueue>();

  constructor(config: () => Config) {
    this.config = config;
    this.global = this.queue('global', () => this.config().limits.global);
    this.providers = new Map(
      PROVIDER_IDS.map((id) => [id, this.queue(id, () => this.config().limits[id])]),
    );
  }

  private queue(name: string, limit: () => number, onIdle?: () => void): SlotQueue {
    return new SlotQueue({
      name,
      limit,
      queueLength: () => this.config().limits.queueLength,
      queueWaitMs: () => this.config().limits.queueWaitS * 1000,
      onIdle,
    });
  }

  /** Per-session queues live only while the session has calls holding or waiting. */
  private queueFor(sessionId: string): SlotQueue {
    let q = this.sessions.get(sessionId);
    if (!q) {
      q = this.queue(
        'session',
        () => this.config().limits.session,
        () => this.sessions.delete(sessionId),
      );
      this.sessions.set(sessionId, q);
    }
    return q;
  }

  /** The slots one call runs under (session, then global). Released together, exactly once. */
  async acquireCall(sessionId: string, signal?: AbortSignal): Promise<CallSlot> {
    if (signal?.aborted) throw signal.reason;
    const waitUntil = Date.now() + this.config().limits.queueWaitS * 1000;
    const session = await this.queueFor(sessionId).acquire(signal);
    let global: Slot | undefined;
    try {
      global = await this.global.acquire(signal, { maxWaitMs: waitUntil - Date.now() });
    } catch (error) {
      session.release();
      throw error;
    }
    const globalQueue = this.global;
    let released = false;
    return {
      get released() {
        return released;
      },
      release() {
        if (released) return;
        released = true;
        global?.release();
        global = undefined;
        session.release();
      },
      async withoutGlobal<T extends Slot>(
        wait: () => Promise<T>,
        waitSignal?: AbortSignal,
      ): Promise<T> {
        global?.release();
        global = undefined;
        const got = await wait();
        try {
          // Back for the global slot it gave up: ahead of new calls, never refused for a full
          // queue, so the provider slot it now holds is not left idle behind them.
          const again = await globalQueue.acquire(waitSignal, { ahead: true });
          // The call may have ended while it waited: then it must not keep the slot.
          if (released) again.release();
          else global = again;
        } catch (error) {
          got.release();
          throw error;
        }
        return got;
      },
    };
  }

  /** A provider slot; with `call`, a wait for it is done without the call's global slot. */
  acquireProvider(id: ProviderId, signal?: AbortSignal, call?: CallSlot): Promise<Slot> {
    const queue = this.providers.get(id);
    if (!queue) return Promise.reject(new Error(`unknown provider "${id}"`));
    if (!call || queue.hasFreeSlot) return queue.acquire(signal);
    return call.withoutGlobal(() => queue.acquire(signal), signal);
  }

  /** Totals across every limit, for /healthz, /metrics and the property test. */
  counters(): {
    global: LimitCounters;
    providers: Record<string, LimitCounters>;
    sessions: { inflight: number; queued: number; queues: number };
  } {
    const c = (q: SlotQueue): LimitCounters => ({
      inflight: q.inflight,
      queued: q.queued,
      limit: q.limit,
    });
    let inflight = 0;
    let queued = 0;
    for (const q of this.sessions.values()) {
      inflight += q.inflight;
      queued += q.queued;
    }
    return {
      global: c(this.global),
      providers: Object.fromEntries([...this.providers].map(([id, q]) => [id, c(q)])),
      sessions: { inflight, queued, queues: this.sessions.size },
    };
  }

  /** Calls waiting for any slot. */
  get queued(): number {
    const c = this.counters();
    return (
      c.global.queued +
      c.sessions.queued +
      Object.values(c.providers).reduce((n, p) => n + p.queued, 0)
    );
  }
}
