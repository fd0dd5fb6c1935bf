import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../preload/api.ts';
import {
  daySeries,
  dayKey,
  dayTotal,
  formatCost,
  formatSpend,
  mainCurrency,
  MAX_LINES,
  OTHER,
  startOfDay,
  windowDays,
  windowStart,
} from '../../renderer/src/usage/usage-view.ts';

function row(day: string, over: Partial<UsageRow> = {}): UsageRow {
  return {
    day,
    provider: 'kimi',
    model: 'kimi-k2-0905-preview',
    tool: 'chat',
    client: 'claude-code',
    requests: 1,
    input_tokens: 100,
    output_tokens: 50,
    estimated: false,
    cost: 0.001,
    currency: 'USD',
    ...over,
  };
}

// 2026-03-10 23:30 UTC: in Shanghai (+480) that is already 11 March.
const NOW = Date.UTC(2026, 2, 10, 23, 30);

describe('usage days', () => {
  it('names days in the user’s zone, not UTC', () => {
    expect(dayKey(NOW, 0)).toBe('2026-03-10');
    expect(dayKey(NOW, 480)).toBe('2026-03-11');
    expect(dayKey(NOW, -300)).toBe('2026-03-10');
  });

  it('starts today at the user’s midnight', () => {
    expect(startOfDay(NOW, 480)).toBe(Date.UTC(2026, 2, 10, 16, 0));
    expect(startOfDay(NOW, 0)).toBe(Date.UTC(2026, 2, 10));
  });

  it('spans 30 days ending today, oldest first', () => {
    const days = windowDays(NOW, 480);
    expect(days).toHaveLength(30);
    expect(days.at(-1)?.key).toBe('2026-03-11');
    expect(days[0]?.key).toBe('2026-02-10');
    expect(days[0]?.x).toBe(windowStart(NOW, 480) / 1000);
  });
});

describe('usage series', () => {
  const days = windowDays(NOW, 0, 3); // 03-08, 03-09, 03-10

  it('adds each day’s tokens per group, zero on days without usage', () => {
    const rows = [
      row('2026-03-08', { provider: 'kimi', input_tokens: 10, output_tokens: 5 }),
      row('2026-03-10', { provider: 'kimi', input_tokens: 1, output_tokens: 1 }),
      row('2026-03-10', {
        provider: 'glm',
        model: 'glm-4.6',
        input_tokens: 100,
        output_tokens: 100,
      }),
    ];
    const s = daySeries(rows, days, 'provider', 'tokens', null);
    expect(s.groups).toEqual(['glm', 'kimi']);
    expect(s.values).toEqual([
      [0, 0, 200],
      [15, 0, 2],
    ]);
  });

  it('draws spend in one currency and leaves unpriced rows out of it (not as 0 cost rows added in)', () => {
    const rows = [
      row('2026-03-10', { model: 'a', cost: 2, currency: 'USD' }),
      row('2026-03-10', { model: 'b', cost: 5, currency: 'CNY' }),
      row('2026-03-10', { model: 'c', cost: null, currency: null }),
    ];
    const s = daySeries(rows, days, 'model', 'cost', 'USD');
    expect(s.groups).toEqual(['a']);
    expect(s.values).toEqual([[0, 0, 2]]);
  });

  it('folds the smaller groups into Other so the chart stays readable', () => {
    const rows = Array.from({ length: 8 }, (_, i) =>
      row('2026-03-09', { tool: `t${i}`, input_tokens: 100 * (i + 1), output_tokens: 0 }),
    );
    const s = daySeries(rows, days, 'tool', 'tokens', null);
    expect(s.groups).toHaveLength(MAX_LINES);
    expect(s.groups.slice(0, 4)).toEqual(['t7', 't6', 't5', 't4']);
    expect(s.groups.at(-1)).toBe(OTHER);
    // t0..t3: 100 + 200 + 300 + 400
    expect(s.values.at(-1)).toEqual([0, 1000, 0]);
  });

  it('picks the currency with the most spend for the chart', () => {
    expect(
      mainCurrency({
        totals: {
          requests: 0,
          input_tokens: 0,
          output_tokens: 0,
          unpriced_tokens: 0,
          cost: { USD: 1, CNY: 7 },
        },
      }),
    ).toBe('CNY');
    expect(
      mainCurrency({
        totals: { requests: 0, input_tokens: 0, output_tokens: 0, unpriced_tokens: 0, cost: {} },
      }),
    ).toBeNull();
  });
});

describe('today’s total', () => {
  it('adds only today’s rows, per currency, and flags unpriced and estimated tokens', () => {
    const rows = [
      row('2026-03-09', { cost: 100 }),
      row('2026-03-10', { cost: 0.5, input_tokens: 1000, output_tokens: 200, requests: 2 }),
      row('2026-03-10', { cost: 0.25 }),
      row('2026-03-10', {
        model: 'x',
        cost: null,
        currency: null,
        estimated: true,
        input_tokens: 10,
        output_tokens: 0,
      }),
    ];
    expect(dayTotal(rows, '2026-03-10')).toEqual({
      requests: 4,
      tokens: 1200 + 150 + 10,
      estimated: true,
      cost: { USD: 0.75 },
      unpriced: true,
    });
  });
});

describe('money', () => {
  it('formats currencies for the window’s language and shows unknown prices as —, never 0', () => {
    expect(formatCost('en', 1.5, 'USD')).toBe('$1.50');
    expect(formatCost('zh-CN', 1.5, 'CNY')).toBe('¥1.50');
    expect(formatCost('en', null, null)).toBe('—');
    expect(formatCost('en', 0.000123, 'USD')).toBe('$0.0001');
    expect(formatSpend('en', {})).toBe('—');
    expect(formatSpend('en', { USD: 2, EUR: 1 })).toBe('$2.00 + €1.00');
  });
});
