// The daemon gives memory back once it has run nothing for a while: one memory-reducing GC per
// quiet period, never under calls, and nothing at all without an exposed gc.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTrim, type ExposedGc } from '../../daemon/lifecycle/idle-trim.ts';

let now = 0;
beforeEach(() => {
  vi.useFakeTimers();
  now = 0;
});
afterEach(() => vi.useRealTimers());

function trim(opts: { busy?: () => boolean; gc?: ExposedGc | null } = {}) {
  const gc = vi.fn<ExposedGc>();
  const trims: Array<[number, number]> = [];
  const t = new IdleTrim({
    idleMs: 10_000,
    busy: opts.busy ?? (() => false),
    gc: opts.gc === null ? undefined : (opts.gc ?? gc),
    onTrim: (before, after) => trims.push([before, after]),
    now: () => now,
  });
  return { t, gc, trims };
}

const pass = (ms: number) => {
  now += ms;
  vi.advanceTimersByTime(ms);
};

describe('IdleTrim', () => {
  it('runs one memory-reducing GC once the daemon has been quiet long enough', () => {
    const { t, gc, trims } = trim();
    t.activity();
    pass(9_999);
    expect(gc).not.toHaveBeenCalled();
    pass(1);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(gc).toHaveBeenCalledWith({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    expect(trims).toHaveLength(1);
    // Nothing more until there is work again.
    pass(60_000);
    expect(gc).toHaveBeenCalledTimes(1);
    t.activity();
    pass(10_000);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it('waits for the quiet period after the last call, and never trims under calls', () => {
    let inflight = 1;
    let asked = 0;
    const { t, gc } = trim({ busy: () => (asked++, inflight > 0) });
    t.activity();
    pass(6_000);
    t.activity(); // another call ended
    pass(6_000);
    expect(gc).not.toHaveBeenCalled();
    pass(4_000);
    // Quiet long enough, but a call is running; a long call is looked at once per period.
    expect(gc).not.toHaveBeenCalled();
    pass(60_000);
    expect(gc).not.toHaveBeenCalled();
    expect(asked).toBeLessThanOrEqual(7);
    inflight = 0;
    pass(10_000);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('does nothing without an exposed gc, and nothing after stop', () => {
    const none = trim({ gc: null });
    none.t.activity();
    pass(20_000);
    expect(none.trims).toEqual([]);
    const { t, gc } = trim();
    t.activity();
    t.stop();
    pass(20_000);
    expect(gc).not.toHaveBeenCalled();
  });
});
