import { HISTORY_WINDOW_S } from './health-history.ts';

// The Health charts' time axis, as plain functions (test/renderer/chart-time.test.ts).

/** Less history than this still spans this much, so two samples are not drawn edge to edge. */
const MIN_SPAN_S = 10;

/** Clock times for the x axis (and, with seconds, the hover): 24-hour whatever the locale's habit. */
export function chartClock(locale: string, seconds: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds && { second: '2-digit' }),
    hourCycle: 'h23',
  });
}

/** Tick labels: with seconds while the window is under three minutes, or every tick would read the same. */
export function tickClock(locale: string, spanS: number): Intl.DateTimeFormat {
  return chartClock(locale, spanS < 180);
}

/** The x range: the history there is (up to the window), ending at the newest sample. */
export function timeWindow(
  first: number | undefined,
  last: number | undefined,
  nowS: number,
): { min: number; max: number } {
  const max = last ?? nowS;
  const min = Math.max(max - HISTORY_WINDOW_S, Math.min(first ?? max, max - MIN_SPAN_S));
  return { min, max };
}
