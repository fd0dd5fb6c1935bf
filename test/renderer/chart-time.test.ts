import { describe, expect, it } from 'vitest';
import { chartClock, tickClock, timeWindow } from '../../renderer/src/store/chart-time.ts';
import { HISTORY_WINDOW_S } from '../../renderer/src/store/health-history.ts';
import { effectiveTheme } from '../../renderer/src/theme/theme.ts';

describe('chart time axis', () => {
  it('clock times are 24-hour in English and Chinese alike', () => {
    const t = new Date(2026, 10, 29, 15, 45, 9).getTime();
    expect(chartClock('en', false).format(t)).toBe('15:45');
    expect(chartClock('en', true).format(t)).toBe('15:45:09');
    expect(chartClock('zh-CN', false).format(t)).toBe('15:45');
    expect(chartClock('en', false).format(new Date(2026, 10, 29, 0, 5).getTime())).toBe('00:05');
    // A short window labels its ticks with seconds, so they do not all read "15:45".
    expect(tickClock('en', 60).format(t)).toBe('15:45:09');
    expect(tickClock('en', 600).format(t)).toBe('15:45');
  });

  it('the window spans the history there is, up to 15 minutes, ending at the newest sample', () => {
    expect(timeWindow(1000, 1300, 1400)).toEqual({ min: 1000, max: 1300 });
    expect(timeWindow(0, 5000, 5000)).toEqual({ min: 5000 - HISTORY_WINDOW_S, max: 5000 });
    // Two samples a second apart are not drawn edge to edge.
    expect(timeWindow(1000, 1001, 1001)).toEqual({ min: 991, max: 1001 });
    expect(timeWindow(undefined, undefined, 500)).toEqual({ min: 490, max: 500 });
  });
});

describe('theme', () => {
  it('light and dark are what they say; system follows the OS', () => {
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme(undefined, false)).toBe('light');
  });
});
