import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TimeChart, type ChartSeries } from '../components/TimeChart.tsx';
import { useHistory } from '../hooks/useLive.ts';

// Module constants: the charts compare series by identity.
const CALLS: ChartSeries[] = [{ label: 'calls/s', colorVar: '--chart-1', value: (s) => s.callsPerS }];
const LATENCY: ChartSeries[] = [
  { label: 'p50', colorVar: '--chart-1', value: (s) => s.p50 },
  { label: 'p95', colorVar: '--chart-3', value: (s) => s.p95 },
];
const ERRORS: ChartSeries[] = [{ label: 'errors/s', colorVar: '--chart-err', value: (s) => s.errorsPerS }];
const MEMORY: ChartSeries[] = [{ label: 'RSS', colorVar: '--chart-2', value: (s) => s.rssMB }];
const CACHE: ChartSeries[] = [{ label: 'cache hits/s', colorVar: '--chart-2', value: (s) => s.cacheHitsPerS }];
const COALESCED: ChartSeries[] = [{ label: 'coalesced/s', colorVar: '--chart-4', value: (s) => s.coalescedPerS }];
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}`);
const mb = (v: number) => v.toFixed(0);

export function Health() {
  const history = useHistory();
  return (
    <>
      <PageHeader title="Health" subtitle="Up to the last 15 minutes, from the status the daemon reports every second." />
      {history.length < 2 && (
        <EmptyState title="Collecting data">
          Charts fill in as the running daemon reports its status, every few seconds. Start it from the <a href="#/overview">Overview</a> if it is stopped.
        </EmptyState>
      )}
      <div className="charts">
        <TimeChart title="Calls per second" unit="" history={history} series={CALLS} />
        <TimeChart title="Latency" unit="ms" history={history} series={LATENCY} format={ms} />
        <TimeChart title="Errors per second" unit="" history={history} series={ERRORS} />
        <TimeChart title="Daemon memory" unit="MB" history={history} series={MEMORY} format={mb} />
        <TimeChart title="Cache hits" unit="per s" history={history} series={CACHE} />
        <TimeChart title="Coalesced calls" unit="per s" history={history} series={COALESCED} />
      </div>
    </>
  );
}
