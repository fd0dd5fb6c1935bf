import { Gauge } from '../metrics/prom-client-parts.ts';
import type { CallerSession } from '../core/call-context.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { SessionRegistry } from './session-registry.ts';

const TRANSPORTS: ReadonlyArray<CallerSession['transport']> = [
  'mcp-ws',
  'mcp-http',
  'legacy-ws',
  'bridge',
];

/** exai_sessions, counted from the registry at scrape time: the transports only add and remove. */
export function registerSessionMetrics(metrics: Metrics, sessions: SessionRegistry): void {
  new Gauge({
    name: 'exai_sessions',
    help: 'Connected sessions by transport',
    labelNames: ['transport'] as const,
    registers: [metrics.registry],
    collect() {
      for (const transport of TRANSPORTS) this.set({ transport }, sessions.countBy(transport));
    },
  });
}
