/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * How y grows with x between two points, from the log-log slope: about 0 is constant, about 1
 * linear, above that worse than linear.
 */
export function growth(x1: number, y1: number, x2: number, y2: number): string {
  if (!(y1 > 0 && y2 > 0 && x2 > x1)) return 'n/a';
  const slope = Math.log(y2 / y1) / Math.log(x2 / x1);
  const shown = `slope ${round(slope, 2)}`;
  if (slope < 0.15) return `constant (${shown})`;
  if (slope < 0.8) return `sub-linear (${shown})`;
  if (slope <= 1.25) return `linear (${shown})`;
  return `worse than linear (${shown})`;
}
