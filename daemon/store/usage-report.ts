import type { Price } from '../config/schema.ts';
import { costOf } from '../catalog/prices.ts';
import type { UsageLedger } from './usage-ledger.ts';
import type { UsageReport } from '../parent/usage.ts';

export type { UsageReport, UsageReportRow } from '../parent/usage.ts';

/** Usage since `since` with costs at today's prices (the shipped list under the user's). */
export function usageReport(
  ledger: Pick<UsageLedger, 'summary'>,
  since: number,
  prices: Readonly<Record<string, Price>>,
  utcOffsetMin = 0,
): UsageReport {
  const rows = ledger.summary(since, utcOffsetMin).map((r) => {
    const price = prices[r.model];
    return {
      day: r.day,
      provider: r.provider,
      model: r.model,
      tool: r.tool,
      client: r.client,
      requests: r.requests,
      input_tokens: r.input_tokens,
      output_tokens: r.output_tokens,
      estimated: r.estimated > 0,
      cost: costOf(price, r.input_tokens, r.output_tokens),
      currency: price?.currency ?? null,
    };
  });
  const totals: UsageReport['totals'] = {
    requests: 0,
    input_tokens: 0,
    output_tokens: 0,
    cost: {},
    unpriced_tokens: 0,
  };
  for (const r of rows) {
    totals.requests += r.requests;
    totals.input_tokens += r.input_tokens;
    totals.output_tokens += r.output_tokens;
    if (r.cost === null || r.currency === null)
      totals.unpriced_tokens += r.input_tokens + r.output_tokens;
    else totals.cost[r.currency] = (totals.cost[r.currency] ?? 0) + r.cost;
  }
  return { since: new Date(since).toISOString(), rows, totals };
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = [
  'day',
  'provider',
  'model',
  'tool',
  'client',
  'requests',
  'input_tokens',
  'output_tokens',
  'estimated',
  'cost',
  'currency',
] as const;

/** The report as CSV (unknown costs are empty cells). */
export function usageCsv(report: UsageReport): string {
  const lines = [COLUMNS.join(',')];
  for (const row of report.rows) lines.push(COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
