import type { StatusSnapshot } from '../../../preload/api.ts';

// Health charts are drawn from the pushed status snapshots: counters are cumulative, so each
// sample stores the rate since the previous snapshot. Kept for the last 15 minutes.

export const HISTORY_WINDOW_S = 15 * 60;

export interface HealthSample {
  /** Unix seconds (uPlot's x axis unit). */
  t: number;
  pid: number;
  calls: number;
  errors: number;
  callsPerS: number;
  errorsPerS: number;
  cacheHitsPerS: number;
  coalescedPerS: number;
  p50: number;
  p95: number;
  rssMB: number;
}

export function appendSample(
  history: HealthSample[],
  prev: StatusSnapshot | null,
  snap: StatusSnapshot,
): HealthSample[] {
  const t = snap.time / 1000;
  // A new pid means the counters restarted from zero; a rate across that gap would be nonsense.
  const same = prev !== null && prev.pid === snap.pid && snap.time > prev.time;
  const dt = same ? (snap.time - prev.time) / 1000 : 0;
  const rate = (now: number, before: number | undefined) =>
    same && dt > 0 && before !== undefined ? Math.max(0, now - before) / dt : 0;
  const sample: HealthSample = {
    t,
    pid: snap.pid,
    calls: snap.counters.calls,
    errors: snap.counters.errors,
    callsPerS: rate(snap.counters.calls, prev?.counters.calls),
    errorsPerS: rate(snap.counters.errors, prev?.counters.errors),
    cacheHitsPerS: rate(snap.counters.cacheHits, prev?.counters.cacheHits),
    coalescedPerS: rate(snap.counters.coalesced, prev?.counters.coalesced),
    p50: snap.latencyMs.p50,
    p95: snap.latencyMs.p95,
    rssMB: snap.rssBytes / (1024 * 1024),
  };
  const cutoff = t - HISTORY_WINDOW_S;
  const kept = history.filter((s) => s.t >= cutoff && s.t < t);
  kept.push(sample);
  return kept;
}

/** Calls and errors over the last `windowS` seconds of one daemon run. */
export function recentTotals(
  history: HealthSample[],
  windowS: number,
): { calls: number; errors: number } {
  const last = history.at(-1);
  if (!last) return { calls: 0, errors: 0 };
  const base = history.find((s) => s.pid === last.pid && s.t >= last.t - windowS) ?? last;
  return { calls: last.calls - base.calls, errors: last.errors - base.errors };
}
