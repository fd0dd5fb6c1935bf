// Pure types: the status snapshot the daemon sends its parent and serves at GET /status.
// Kept free of runtime code so the renderer can type-import it through preload/api.ts.
import type { ProviderId } from '../core/provider-id.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ProviderStatus {
  id: ProviderId;
  configured: boolean;
  baseUrl: string;
  breaker: BreakerState;
  consecutiveFailures: number;
  lastError?: string;
  lastErrorAt?: number;
  /** The provider refused the key (401/403) on its last use; set until a request succeeds or the key changes. */
  keyRejected?: boolean;
  inflight: number;
  limit: number;
  /** Model names for this provider: the catalog plus what its GET /models listed. Names only, to keep snapshots small. */
  models: string[];
}

export interface InflightCall {
  id: string;
  tool: string;
  model?: string;
  provider?: string;
  /** A workflow call's step (the dashboard shows "step 2 of 4"). */
  step?: { number: number; total: number };
  startedAt: number;
  elapsedMs: number;
}

export interface SessionSnapshot {
  id: string;
  transport: 'mcp-ws' | 'mcp-http' | 'legacy-ws' | 'bridge';
  clientName?: string;
  clientVersion?: string;
  connectedAt: number;
  lastActivityAt: number;
  calls: number;
  errors: number;
  lastTool?: string;
  inflight: InflightCall[];
}

export interface StatusSnapshot {
  time: number;
  version: string;
  pid: number;
  startedAt: number;
  uptimeS: number;
  endpoint: string;
  httpEndpoint: string;
  rssBytes: number;
  sessions: SessionSnapshot[];
  inflight: number;
  limits: { global: number; kimi: number; glm: number; session: number };
  counters: {
    calls: number;
    errors: number;
    cacheHits: number;
    coalesced: number;
    timeouts: number;
  };
  latencyMs: { p50: number; p95: number; p99: number };
  providers: ProviderStatus[];
  recentErrors: Array<{ time: number; tool: string; code: string; message: string }>;
  /** exai.db: ok, degraded (a write failed; data kept in memory) or unavailable; a notice when a damaged file was moved aside. */
  store?: { state: 'ok' | 'degraded' | 'unavailable'; notice?: string; error?: string };
}
