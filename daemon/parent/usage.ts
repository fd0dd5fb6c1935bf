// Pure types: what GET /usage answers, shared by the daemon, the app and (through preload/api.ts)
// the dashboard.

export interface UsageReportRow {
  day: string;
  provider: string;
  model: string;
  tool: string;
  client: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** True when some of the tokens are the daemon's estimate. */
  estimated: boolean;
  /** null when the model has no known price: shown as "—", never as 0. */
  cost: number | null;
  currency: string | null;
}

export interface UsageReport {
  since: string;
  rows: UsageReportRow[];
  totals: {
    requests: number;
    input_tokens: number;
    output_tokens: number;
    cost: Record<string, number>;
    unpriced_tokens: number;
  };
}
