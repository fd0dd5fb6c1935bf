import { LRUCache } from 'lru-cache';
import type { CallToolRes, ProgressFrame, RequestId } from './frames.ts';

export interface Pending {
  /** Never rejects: failures are answers too. */
  answer: Promise<CallToolRes>;
  /** Every socket waiting on this request id gets its progress frames. */
  listeners: Set<(frame: ProgressFrame) => void>;
}

/**
 * Answers by request id, per session, for the result TTL (the original kept them forever and
 * globally). A retry of a request id still running joins it instead of running twice.
 */
export class ReplayStore {
  private readonly done: LRUCache<string, CallToolRes>;
  private readonly pending = new Map<string, Pending>();

  /** `now` (milliseconds) replaces the clock the TTL is measured with, for tests. */
  constructor(options: { ttlS: number; maxEntries: number; maxBytes: number; now?: () => number }) {
    this.done = new LRUCache<string, CallToolRes>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (frame) => Math.max(1, JSON.stringify(frame).length),
      // A TTL of 0 means "do not remember": the entry expires at once.
      ttl: Math.max(1, options.ttlS * 1000),
      ttlAutopurge: false,
      ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
    });
  }

  private static key(sessionId: string, requestId: RequestId): string {
    return `${sessionId}\u0000${JSON.stringify(requestId)}`;
  }

  answered(sessionId: string, requestId: RequestId): CallToolRes | undefined {
    return this.done.get(ReplayStore.key(sessionId, requestId));
  }

  running(sessionId: string, requestId: RequestId): Pending | undefined {
    return this.pending.get(ReplayStore.key(sessionId, requestId));
  }

  /** Tracks a running call; when it settles its answer is remembered (unless `remember` says no). */
  track(
    sessionId: string,
    requestId: RequestId,
    entry: Pending,
    remember: (frame: CallToolRes) => boolean,
  ): void {
    const key = ReplayStore.key(sessionId, requestId);
    this.pending.set(key, entry);
    void entry.answer.then((frame) => {
      this.pending.delete(key);
      if (remember(frame)) this.remember(sessionId, requestId, frame);
    });
  }

  remember(sessionId: string, requestId: RequestId, frame: CallToolRes): void {
    const size = JSON.stringify(frame).length;
    // An answer larger than the whole store is not kept rather than evicting everything else.
    if (size > this.done.maxSize) return;
    this.done.set(ReplayStore.key(sessionId, requestId), frame);
  }

  get size(): number {
    return this.done.size + this.pending.size;
  }

  clear(): void {
    this.done.clear();
    this.pending.clear();
  }
}
