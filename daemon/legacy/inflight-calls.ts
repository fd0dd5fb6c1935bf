import type { RequestId } from './frames.ts';

/**
 * The legacy calls still running, by session and request_id, so `{"op":"cancel"}` can stop one.
 * Only an explicit cancel aborts: a dropped socket does not, so a shim that reconnects and
 * retries still gets its answer (replay).
 */
export class LegacyInflight {
  private readonly calls = new Map<string, AbortController>();

  private key(sessionId: string, requestId: RequestId): string {
    return `${sessionId}\u0000${typeof requestId}:${String(requestId)}`;
  }

  /** A signal for this call; `done` forgets it when the call has answered. */
  start(sessionId: string, requestId: RequestId): { signal: AbortSignal; done(): void } {
    const key = this.key(sessionId, requestId);
    const controller = new AbortController();
    this.calls.set(key, controller);
    return {
      signal: controller.signal,
      done: () => {
        if (this.calls.get(key) === controller) this.calls.delete(key);
      },
    };
  }

  /** Aborts the call; false when no such call is running in this session. */
  cancel(sessionId: string, requestId: RequestId): boolean {
    const controller = this.calls.get(this.key(sessionId, requestId));
    if (!controller) return false;
    controller.abort();
    return true;
  }
}
