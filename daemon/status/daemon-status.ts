import type { Config } from '../config/schema.ts';
import type { StatusSnapshot } from '../parent/status.ts';
import type { ProviderDirectory } from '../providers/provider-status.ts';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { Endpoint } from '../core/endpoint.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import { DAEMON_VERSION } from '../core/version.ts';

/** What /healthz, GET /status and the parent's status messages are built from. */
export interface StatusSources {
  startedAt: number;
  stopping: boolean;
  port: number;
  endpoint: Endpoint;
  config: Config;
  sessions: SessionRegistry;
  runner: CallRunner;
  providers: ProviderDirectory;
}

/** GET /healthz: no token needed, so nothing secret and nothing per client. */
export function buildHealth(s: StatusSources): Record<string, unknown> {
  return {
    status: s.stopping ? 'stopping' : 'ok',
    version: DAEMON_VERSION,
    pid: process.pid,
    uptime_s: Math.round((Date.now() - s.startedAt) / 1000),
    started_at: new Date(s.startedAt).toISOString(),
    port: s.port,
    sessions: s.sessions.size,
    inflight: s.runner.inflightCount,
    runtime: runtimeHealth(s),
    providers: Object.fromEntries(
      s.providers.status().map((p) => [p.id, { configured: p.configured, breaker: p.breaker }]),
    ),
  };
}

/** What the runtime is doing: slots, queues, cache and coalescing. */
function runtimeHealth({ runner, config }: StatusSources): Record<string, unknown> {
  const limits = runner.limits.counters();
  const stats = runner.stats;
  return {
    executions: runner.executionCount,
    queued: runner.limits.queued,
    limits: {
      global: limits.global,
      session: { ...limits.sessions, limit: config.limits.session },
      ...limits.providers,
    },
    queue: { length: config.limits.queueLength, wait_s: config.limits.queueWaitS },
    cache: {
      entries: runner.cache.entries,
      bytes: runner.cache.bytes,
      hits: stats.cacheHits,
      ttl_s: config.resultTtlS,
    },
    coalesced: stats.coalesced,
    calls: stats.calls,
    errors: stats.errors,
    timeouts: stats.timeouts,
  };
}

/** The snapshot the app receives every second and GET /status serves. */
export function buildSnapshot(s: StatusSources): StatusSnapshot {
  const stats = s.runner.stats;
  const { limits } = s.config;
  return {
    time: Date.now(),
    version: DAEMON_VERSION,
    pid: process.pid,
    startedAt: s.startedAt,
    uptimeS: Math.round((Date.now() - s.startedAt) / 1000),
    endpoint: s.endpoint.ws,
    httpEndpoint: s.endpoint.http,
    rssBytes: process.memoryUsage.rss(),
    sessions: s.sessions.snapshot(),
    inflight: s.runner.inflightCount,
    limits: { global: limits.global, kimi: limits.kimi, glm: limits.glm, session: limits.session },
    counters: {
      calls: stats.calls,
      errors: stats.errors,
      cacheHits: stats.cacheHits,
      coalesced: stats.coalesced,
      timeouts: stats.timeouts,
    },
    latencyMs: stats.percentiles(),
    providers: s.providers.status(),
    modelChoice: { fast: s.config.speedModel, deep: s.config.qualityModel },
    recentErrors: stats.recentErrors.slice(0, 10),
  };
}
