import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** One upstream request. Prompts are never stored. */
export interface UsageRecord {
  at: number;
  provider: string;
  model: string;
  tool: string;
  /** The MCP client's clientInfo.name ('unknown' before initialize, or for legacy clients without one). */
  client: string;
  transport: string;
  inputTokens: number;
  outputTokens: number;
  /** The provider reported no usage; the numbers are the daemon's estimate. */
  estimated: boolean;
  durationMs: number;
  outcome: string;
}

/** One tool call, for the Tools page (calls, latency, error rate). */
export interface CallRecord {
  at: number;
  tool: string;
  client: string;
  transport: string;
  durationMs: number;
  outcome: string;
}

/** Usage per local day, provider, model, tool and client. */
export interface UsageRow {
  day: string;
  provider: string;
  model: string;
  tool: string;
  client: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** Requests whose tokens were estimated. */
  estimated: number;
}

export interface ToolStatsRow {
  tool: string;
  calls: number;
  errors: number;
  p50_ms: number;
}

/** Rows older than this are dropped: the Usage page shows 30 days, exports reach back 90. */
const KEEP_MS = 90 * 86_400_000;

/**
 * The usage and call ledger in exai.db. Writes come in batches, one transaction each (a commit per
 * tool call was the largest single cost of a trivial call); reads are per page view.
 */
export class UsageLedger {
  private readonly db: DatabaseSync;
  private readonly insertUsage: StatementSync;
  private readonly insertCall: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.insertUsage = db.prepare(
      'INSERT INTO usage (at, provider, model, tool, client, transport, input_tokens, output_tokens, estimated, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertCall = db.prepare(
      'INSERT INTO calls (at, tool, client, transport, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  record(r: UsageRecord): void {
    this.insertUsage.run(
      r.at,
      r.provider,
      r.model,
      r.tool,
      r.client,
      r.transport,
      r.inputTokens,
      r.outputTokens,
      r.estimated ? 1 : 0,
      Math.round(r.durationMs),
      r.outcome,
    );
  }

  recordCall(r: CallRecord): void {
    this.insertCall.run(r.at, r.tool, r.client, r.transport, Math.round(r.durationMs), r.outcome);
  }

  /** Both kinds of record in one transaction: all of them are written, or none. */
  recordBatch(usage: readonly UsageRecord[], calls: readonly CallRecord[]): void {
    this.db.exec('BEGIN');
    try {
      for (const r of usage) this.record(r);
      for (const r of calls) this.recordCall(r);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Usage since `since` (epoch ms) grouped by day; `utcOffsetMin` shifts days to the reader's
   * local calendar (the dashboard's and the CLI's, not the daemon's).
   */
  summary(since: number, utcOffsetMin = 0): UsageRow[] {
    return this.db
      .prepare(
        `SELECT date((at / 1000) + ? * 60, 'unixepoch') AS day, provider, model, tool, client,
                COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
                SUM(estimated) AS estimated
           FROM usage WHERE at >= ?
          GROUP BY day, provider, model, tool, client
          ORDER BY day, provider, model, tool, client`,
      )
      .all(utcOffsetMin, since) as unknown as UsageRow[];
  }

  /** Per tool since `since`: calls, errors and median latency. */
  toolStats(since: number): ToolStatsRow[] {
    const rows = this.db
      .prepare(
        'SELECT tool, duration_ms, outcome FROM calls WHERE at >= ? ORDER BY tool, duration_ms',
      )
      .all(since) as Array<{ tool: string; duration_ms: number; outcome: string }>;
    const byTool = new Map<string, { durations: number[]; errors: number }>();
    for (const row of rows) {
      const entry = byTool.get(row.tool) ?? { durations: [], errors: 0 };
      entry.durations.push(row.duration_ms);
      if (row.outcome !== 'ok') entry.errors += 1;
      byTool.set(row.tool, entry);
    }
    return [...byTool].map(([tool, { durations, errors }]) => ({
      tool,
      calls: durations.length,
      errors,
      p50_ms: durations[Math.floor((durations.length - 1) / 2)] ?? 0,
    }));
  }

  /** Tokens per tool since `since`. */
  toolTokens(since: number): Map<string, number> {
    const rows = this.db
      .prepare(
        'SELECT tool, SUM(input_tokens + output_tokens) AS tokens FROM usage WHERE at >= ? GROUP BY tool',
      )
      .all(since) as Array<{ tool: string; tokens: number }>;
    return new Map(rows.map((r) => [r.tool, r.tokens]));
  }

  prune(now = Date.now()): void {
    this.db.prepare('DELETE FROM usage WHERE at < ?').run(now - KEEP_MS);
    this.db.prepare('DELETE FROM calls WHERE at < ?').run(now - KEEP_MS);
  }
}
