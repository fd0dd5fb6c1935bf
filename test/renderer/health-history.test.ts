import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../preload/api.ts';
import {
  appendSample,
  HISTORY_WINDOW_S,
  recentTotals,
  type HealthSample,
} from '../../renderer/src/store/health-history.ts';

function snap(time: number, calls: number, pid = 1): StatusSnapshot {
  return {
    time,
    version: '1',
    pid,
    startedAt: 0,
    uptimeS: 0,
    endpoint: '',
    httpEndpoint: '',
    rssBytes: 50 * 1024 * 1024,
    sessions: [],
    inflight: 0,
    limits: { global: 1, kimi: 1, glm: 1, session: 1 },
    counters: { calls, errors: Math.floor(calls / 10), cacheHits: 0, coalesced: 0, timeouts: 0 },
    latencyMs: { p50: 10, p95: 20, p99: 30 },
    providers: [],
    recentErrors: [],
  };
}

function feed(snaps: StatusSnapshot[]): HealthSample[] {
  let history: HealthSample[] = [];
  let prev: StatusSnapshot | null = null;
  for (const s of snaps) {
    history = appendSample(history, prev, s);
    prev = s;
  }
  return history;
}

describe('health history', () => {
  it('turns cumulative counters into per-second rates', () => {
    const h = feed([snap(1_000, 0), snap(3_000, 10)]);
    expect(h.at(-1)?.callsPerS).toBe(5);
    expect(h.at(-1)?.rssMB).toBe(50);
  });

  it('does not draw a negative or huge rate across a daemon restart', () => {
    const h = feed([snap(1_000, 500, 1), snap(2_000, 3, 2)]);
    expect(h.at(-1)?.callsPerS).toBe(0);
  });

  it('keeps only the last 15 minutes', () => {
    const h = feed([snap(0, 0), snap(60_000, 1), snap((HISTORY_WINDOW_S + 30) * 1000, 2)]);
    expect(h.map((s) => s.t)).toEqual([60, HISTORY_WINDOW_S + 30]);
  });

  it('counts calls and errors of the last minute for the Overview', () => {
    const h = feed([snap(0, 0), snap(30_000, 20), snap(61_000, 50), snap(90_000, 80)]);
    expect(recentTotals(h, 60)).toEqual({ calls: 60, errors: 6 });
  });
});
