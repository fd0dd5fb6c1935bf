// prom-client's index loads all of the library at once: the push gateway (with http, https and
// zlib), summaries, cluster aggregation, and the process metrics with @opentelemetry/api. The
// daemon uses four classes at start; loading only their files keeps the rest off every start.
// The process metrics load with the first scrape (Metrics.text).
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';

export { Counter, Gauge, Histogram, Registry };
