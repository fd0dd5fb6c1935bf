import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ConfigError } from '../config/env.ts';
import { loadConfig } from '../config/load.ts';
import { terminalPrices } from '../catalog/app-prices.ts';
import { DB_FILE } from '../store/exai-db.ts';
import { UsageLedger } from '../store/usage-ledger.ts';
import { usageReport, type UsageReport } from '../store/usage-report.ts';
import type { CliArgs } from './args.ts';

const DAY_MS = 86_400_000;

/** `--since 2026-11-01`, `--since 7d`; 30 days when absent. */
export function parseSince(raw: string | undefined, now = Date.now()): number {
  if (raw === undefined) return now - 30 * DAY_MS;
  const days = /^(\d+)d$/.exec(raw.trim());
  if (days) return now - Number(days[1]) * DAY_MS;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) {
    const [y, m, d] = raw.trim().split('-').map(Number) as [number, number, number];
    const local = new Date(y, m - 1, d).getTime();
    if (!Number.isNaN(local)) return local;
  }
  throw new ConfigError(
    `--since: expected a date (2026-11-01) or a number of days (7d), got "${raw}"`,
  );
}

function money(cost: Record<string, number>): string {
  const parts = Object.entries(cost).map(([currency, v]) => `${v.toFixed(4)} ${currency}`);
  return parts.length ? parts.join(' + ') : '—';
}

function table(report: UsageReport): string {
  if (report.rows.length === 0) return `No usage recorded since ${report.since}.\n`;
  const head = [
    'day',
    'provider',
    'model',
    'tool',
    'client',
    'requests',
    'input',
    'output',
    'cost',
  ];
  const rows = report.rows.map((r) => [
    r.day,
    r.provider,
    r.model,
    r.tool,
    r.client,
    String(r.requests),
    `${r.input_tokens}${r.estimated ? '~' : ''}`,
    `${r.output_tokens}${r.estimated ? '~' : ''}`,
    r.cost === null ? '—' : `${r.cost.toFixed(4)} ${r.currency}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const t = report.totals;
  return [
    line(head),
    ...rows.map(line),
    '',
    `total: ${t.requests} requests, ${t.input_tokens} input + ${t.output_tokens} output tokens, ${money(t.cost)}${t.unpriced_tokens ? ` (+ ${t.unpriced_tokens} tokens at unknown prices)` : ''}`,
    '~ estimated by the daemon (the provider reported no usage)',
    '',
  ].join('\n');
}

/** `exai usage [--since D] [--json] [--data-dir D]`: reads exai.db (read-only) while the daemon runs or not, priced as the app prices. */
export function runUsage(args: CliArgs): number {
  const config = loadConfig({ env: process.env, flags: args.flags, configFile: args.configFile });
  const since = parseSince(typeof args.rest.since === 'string' ? args.rest.since : undefined);
  const path = join(config.dataDir, DB_FILE);
  if (!existsSync(path)) {
    process.stderr.write(`exai: no usage recorded yet (${path} does not exist)\n`);
    return 1;
  }
  // The prices the app set (the daemon keeps a copy in the data folder), so this agrees with the Usage page.
  const prices = terminalPrices(config);
  if (prices.warning) process.stderr.write(`exai: ${prices.warning}\n`);
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const report = usageReport(
      new UsageLedger(db),
      since,
      prices.table,
      -new Date().getTimezoneOffset(),
    );
    process.stdout.write(args.rest.json ? `${JSON.stringify(report, null, 2)}\n` : table(report));
    return 0;
  } finally {
    db.close();
  }
}
