import type { UsageReport, UsageRow } from '../../../preload/api.ts';

// The Usage page's arithmetic, apart from React: which days the charts span, the series per
// provider/model/tool/client, today's total and how costs read in the window's language.

export const USAGE_DAYS = 30;
export const DIMENSIONS = ['provider', 'model', 'tool', 'client'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Lines per chart; smaller groups are summed into one "other" line. */
export const MAX_LINES = 5;
export const OTHER = '\u0000other';

const DAY_MS = 86_400_000;

/** The window's UTC offset in minutes, east positive (the daemon's `tz`): the opposite of getTimezoneOffset. */
export function utcOffsetMinutes(now: Date = new Date()): number {
  return -now.getTimezoneOffset();
}

/** A day as the ledger names it (YYYY-MM-DD in the user's zone). */
export function dayKey(time: number, offsetMin: number): string {
  return new Date(time + offsetMin * 60_000).toISOString().slice(0, 10);
}

/** Midnight starting the user's day that holds `time`, in epoch ms. */
export function startOfDay(time: number, offsetMin: number): number {
  const shifted = time + offsetMin * 60_000;
  return shifted - (shifted % DAY_MS) - offsetMin * 60_000;
}

/** The first moment of the window: midnight `days - 1` days before today, so today is the last day. */
export function windowStart(now: number, offsetMin: number, days = USAGE_DAYS): number {
  return startOfDay(now, offsetMin) - (days - 1) * DAY_MS;
}

/** Every day of the window, oldest first, with its midnight in seconds (the charts' x values). */
export function windowDays(
  now: number,
  offsetMin: number,
  days = USAGE_DAYS,
): Array<{ key: string; x: number }> {
  const first = windowStart(now, offsetMin, days);
  return Array.from({ length: days }, (_, i) => {
    const start = first + i * DAY_MS;
    return { key: dayKey(start, offsetMin), x: start / 1000 };
  });
}

export type Metric = 'tokens' | 'cost';

function valueOf(row: UsageRow, metric: Metric, currency: string | null): number {
  if (metric === 'tokens') return row.input_tokens + row.output_tokens;
  return row.cost !== null && row.currency === currency ? row.cost : 0;
}

/** The currency most of the spend is in: the cost chart draws that one (others are in the table). */
export function mainCurrency(report: Pick<UsageReport, 'totals'>): string | null {
  const entries = Object.entries(report.totals.cost).sort((a, b) => b[1] - a[1]);
  return entries[0]?.[0] ?? null;
}

export interface DaySeries {
  /** Group names (OTHER for the rest), largest first. */
  groups: string[];
  /** One value per group per day of the window. */
  values: number[][];
}

/** Per-day totals of `metric` split by `dimension`: the biggest MAX_LINES - 1 groups and the rest as OTHER. */
export function daySeries(
  rows: readonly UsageRow[],
  days: ReadonlyArray<{ key: string }>,
  dimension: Dimension,
  metric: Metric,
  currency: string | null,
): DaySeries {
  const totals = new Map<string, number>();
  for (const row of rows)
    totals.set(row[dimension], (totals.get(row[dimension]) ?? 0) + valueOf(row, metric, currency));
  const ranked = [...totals]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([g]) => g);
  const shown = ranked.length > MAX_LINES ? [...ranked.slice(0, MAX_LINES - 1), OTHER] : ranked;
  const index = new Map(days.map((d, i) => [d.key, i]));
  const values = shown.map(() => new Array<number>(days.length).fill(0));
  for (const row of rows) {
    const day = index.get(row.day);
    if (day === undefined) continue;
    let line = shown.indexOf(row[dimension]);
    if (line < 0) line = shown.indexOf(OTHER);
    if (line >= 0) values[line]![day]! += valueOf(row, metric, currency);
  }
  return { groups: shown, values };
}

export interface DayTotal {
  requests: number;
  tokens: number;
  estimated: boolean;
  /** Spend per currency, of the priced rows. */
  cost: Record<string, number>;
  /** Some tokens are of models without a price, so the spend is a lower bound. */
  unpriced: boolean;
}

/** What one day (today, on the Overview) added up to. */
export function dayTotal(rows: readonly UsageRow[], day: string): DayTotal {
  const total: DayTotal = { requests: 0, tokens: 0, estimated: false, cost: {}, unpriced: false };
  for (const row of rows) {
    if (row.day !== day) continue;
    total.requests += row.requests;
    total.tokens += row.input_tokens + row.output_tokens;
    total.estimated ||= row.estimated;
    if (row.cost === null || row.currency === null)
      total.unpriced ||= row.input_tokens + row.output_tokens > 0;
    else total.cost[row.currency] = (total.cost[row.currency] ?? 0) + row.cost;
  }
  return total;
}

/** An amount in its currency, in the window's language; small amounts keep their cents' fractions. */
export function formatMoney(locale: string, amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    }).format(amount);
  } catch {
    // Not an ISO currency code (a hand-edited config): the number and the code as written.
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(amount)} ${currency}`;
  }
}

/** A row's cost, or "—" when its model has no price (never 0). */
export function formatCost(locale: string, cost: number | null, currency: string | null): string {
  return cost === null || currency === null ? '—' : formatMoney(locale, cost, currency);
}

/** Spend over several currencies ("$1.20 + ¥3.00"), "—" when nothing is priced. */
export function formatSpend(locale: string, cost: Readonly<Record<string, number>>): string {
  const parts = Object.entries(cost).map(([currency, amount]) =>
    formatMoney(locale, amount, currency),
  );
  return parts.length > 0 ? parts.join(' + ') : '—';
}
