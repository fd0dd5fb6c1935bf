import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Price } from '../config/schema.ts';
import type { DaemonStore } from '../store/daemon-store.ts';
import { usageCsv, usageReport } from '../store/usage-report.ts';
import { sendJson, sendText } from './http-reply.ts';

const DAY_MS = 86_400_000;

function numberParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isFinite(value) ? value : fallback;
}

/**
 * GET /usage (JSON), /usage.csv and /tools/stats for the dashboard's Usage and Tools pages:
 * `since` in epoch ms (default 30 days, 24 h for tool stats), `tz` the reader's UTC offset in
 * minutes so days are the user's days. Answers false when the path is not one of these.
 */
export function handleUsageRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: DaemonStore,
  prices: () => Record<string, Price>,
): boolean {
  if (req.method !== 'GET' || !['/usage', '/usage.csv', '/tools/stats'].includes(url.pathname))
    return false;
  const ledger = store.ledger;
  // Calls that ended in this turn of the event loop are counted too.
  store.flush();
  if (!ledger) {
    sendJson(res, 503, {
      error: `usage is not available: ${store.health().error ?? 'exai.db is not open'}`,
    });
    return true;
  }
  const now = Date.now();
  try {
    if (url.pathname === '/tools/stats') {
      const since = numberParam(url, 'since', now - DAY_MS);
      const tokens = ledger.toolTokens(since);
      sendJson(res, 200, {
        since,
        tools: ledger
          .toolStats(since)
          .map((row) => ({ ...row, tokens: tokens.get(row.tool) ?? 0 })),
      });
      return true;
    }
    const report = usageReport(
      ledger,
      numberParam(url, 'since', now - 30 * DAY_MS),
      prices(),
      numberParam(url, 'tz', 0),
    );
    if (url.pathname === '/usage.csv')
      sendText(res, 200, usageCsv(report), 'text/csv; charset=utf-8');
    else sendJson(res, 200, report);
  } catch (error) {
    sendJson(res, 503, { error: `could not read usage from exai.db: ${(error as Error).message}` });
  }
  return true;
}
