/**
 * Identical in-flight calls share one execution. The original refused the second one with
 * DUPLICATE; here it joins, and every caller gets the outcome. The shared work is aborted only
 * when every caller has left (cancelled, timed out or disconnected).
 */
interface Shared<T, L> {
  controller: AbortController;
  callers: number;
  listeners: Set<L>;
  promise: Promise<T>;
}

export interface Joined<T> {
  promise: Promise<T>;
  /** True when this caller joined an execution that was already running. */
  joined: boolean;
}

export class Coalescer<T, L> {
  private readonly running = new Map<string, Shared<T, L>>();
  /** The execution's signal aborts with this once it has settled, to stop what it left running. */
  private readonly settled: unknown;

  constructor(settled: unknown = new Error('execution settled')) {
    this.settled = settled;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Starts `start` unless an execution with this key is running, then waits for it on the
   * caller's behalf. `key` undefined: never shared. `listener` receives the execution's events
   * (progress…) while this caller is attached.
   */
  run(
    key: string | undefined,
    callerSignal: AbortSignal,
    listener: L,
    start: (signal: AbortSignal, each: (fn: (l: L) => void) => void) => Promise<T>,
  ): Joined<T> {
    if (callerSignal.aborted)
      return { promise: Promise.reject(callerSignal.reason), joined: false };
    let shared = key === undefined ? undefined : this.running.get(key);
    const joined = shared !== undefined;
    if (!shared) {
      const controller = new AbortController();
      const listeners = new Set<L>();
      const fresh: Shared<T, L> = {
        controller,
        callers: 0,
        listeners,
        promise: undefined as unknown as Promise<T>,
      };
      const each = (fn: (l: L) => void) => {
        for (const l of [...listeners]) fn(l);
      };
      fresh.promise = Promise.resolve()
        .then(() => start(controller.signal, each))
        .finally(() => {
          if (key !== undefined && this.running.get(key) === fresh) this.running.delete(key);
          if (!controller.signal.aborted) controller.abort(this.settled);
        });
      // Nobody may be left to observe a failure of work that every caller abandoned.
      fresh.promise.catch(() => undefined);
      if (key !== undefined) this.running.set(key, fresh);
      shared = fresh;
    }
    const s = shared;
    s.callers += 1;
    s.listeners.add(listener);
    const promise = new Promise<T>((resolve, reject) => {
      let attached = true;
      const detach = () => {
        if (!attached) return false;
        attached = false;
        callerSignal.removeEventListener('abort', onAbort);
        s.listeners.delete(listener);
        s.callers -= 1;
        return true;
      };
      const onAbort = () => {
        if (!detach()) return;
        if (s.callers === 0) {
          if (key !== undefined && this.running.get(key) === s) this.running.delete(key);
          s.controller.abort(callerSignal.reason);
        }
        reject(callerSignal.reason);
      };
      callerSignal.addEventListener('abort', onAbort, { once: true });
      s.promise.then(
        (value) => {
          if (detach()) resolve(value);
        },
        (error: unknown) => {
          if (detach()) reject(error);
        },
      );
    });
    return { promise, joined };
  }
}
