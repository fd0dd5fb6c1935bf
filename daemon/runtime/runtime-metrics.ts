import { Gauge } from '../metrics/prom-client-parts.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { CallLimits } from './call-limits.ts';
import type { ResultCache } from './result-cache.ts';

/** Gauges read from the runtime at scrape time: slots held and queued per limit, cache size. */
export function registerRuntimeMetrics(
  metrics: Metrics,
  limits: CallLimits,
  cache: ResultCache,
  sharedRunning: () => number,
): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'exai_limit_inflight',
    help: 'Slots held per limit (global, session = sum over sessions, kimi, glm)',
    labelNames: ['limit'] as const,
    registers,
    collect() {
      const c = limits.counters();
      this.set({ limit: 'global' }, c.global.inflight);
      this.set({ limit: 'session' }, c.sessions.inflight);
      for (const [id, p] of Object.entries(c.providers)) this.set({ limit: id }, p.inflight);
    },
  });
  new Gauge({
    name: 'exai_queue_depth',
    help: 'Calls waiting for a slot per limit',
    labelNames: ['limit'] as const,
    registers,
    collect() {
      const c = limits.counters();
      this.set({ limit: 'global' }, c.global.queued);
      this.set({ limit: 'session' }, c.sessions.queued);
      for (const [id, p] of Object.entries(c.providers)) this.set({ limit: id }, p.queued);
    },
  });
  new Gauge({
    name: 'exai_cache_entries',
    help: 'Results held in the result cache',
    registers,
    collect() {
      this.set(cache.entries);
    },
  });
  new Gauge({
    name: 'exai_cache_bytes',
    help: 'Approximate bytes held in the result cache',
    registers,
    collect() {
      this.set(cache.bytes);
    },
  });
  new Gauge({
    name: 'exai_shared_executions',
    help: 'Tool executions running (each may serve several coalesced callers)',
    registers,
    collect() {
      this.set(sharedRunning());
    },
  });
}
