import { Counter, Gauge, Histogram, Registry } from './prom-client-parts.ts';

/** The daemon's Prometheus metrics, on a registry of its own so tests can run several daemons. */
export class Metrics {
  readonly registry = new Registry();
  readonly calls = new Counter({
    name: 'exai_tool_calls_total',
    help: 'Tool calls by tool and outcome (ok, error, timeout, cancelled, over_capacity)',
    labelNames: ['tool', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'exai_tool_call_duration_seconds',
    help: 'Tool call latency',
    labelNames: ['tool'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly inflight = new Gauge({
    name: 'exai_inflight_calls',
    help: 'Tool calls currently running',
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'exai_cache_hits_total',
    help: 'Tool calls answered from the result cache',
    labelNames: ['tool'] as const,
    registers: [this.registry],
  });
  readonly coalesced = new Counter({
    name: 'exai_coalesced_calls_total',
    help: 'Tool calls that joined an identical call already running',
    labelNames: ['tool'] as const,
    registers: [this.registry],
  });
  readonly upstream = new Counter({
    name: 'exai_provider_requests_total',
    help: 'Requests to model providers by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly tokens = new Counter({
    name: 'exai_provider_tokens_total',
    help: 'Tokens used at model providers by provider, model and kind (prompt, completion)',
    labelNames: ['provider', 'model', 'kind'] as const,
    registers: [this.registry],
  });

  private processMetrics: Promise<void> | undefined;

  async text(): Promise<string> {
    // Process metrics (memory, GC, event-loop lag) start with the first scrape: the event-loop
    // monitor wakes the process 100 times a second, which an unscraped tray daemon should not pay.
    // Their code loads then too; concurrent first scrapes register them once.
    this.processMetrics ??= import('prom-client/lib/defaultMetrics.js').then(
      ({ default: collectDefaultMetrics }) =>
        collectDefaultMetrics({ register: this.registry, prefix: 'exai_' }),
    );
    await this.processMetrics;
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
