import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatusSnapshot } from '../../daemon/parent/status.ts';
import { StatusFeed } from '../../daemon/runtime/status-feed.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('StatusFeed: a snapshot every second, and at once on change', () => {
  it('ticks every interval, reports a change after the short settle delay, and folds a burst into one', () => {
    vi.useFakeTimers();
    let n = 0;
    const sent: number[] = [];
    const feed = new StatusFeed({
      snapshot: () => ({ time: (n += 1) }) as unknown as StatusSnapshot,
      send: (s) => sent.push(s.time),
    });
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(300);
    feed.changed();
    feed.changed();
    feed.changed();
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2); // the burst, reported long before the next tick
    vi.advanceTimersByTime(650);
    expect(sent).toHaveLength(3); // the regular tick
    feed.dispose();
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(3);
  });
});
