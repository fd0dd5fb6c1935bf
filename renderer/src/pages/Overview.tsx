import { CopyButton } from '../components/CopyButton.tsx';
import { CrashPanel } from '../components/CrashPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Stat } from '../components/Stat.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { TokenCard } from '../components/TokenCard.tsx';
import { formatDuration, formatPercent } from '../format.ts';
import { useDaemonActions } from '../hooks/useDaemonActions.ts';
import { useDaemonState, useHistory, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { recentTotals } from '../store/health-history.ts';

const TROUBLE = new Set(['crashed', 'failed', 'backing-off']);

export function Overview() {
  const daemon = useDaemonState();
  const status = useStatus();
  const history = useHistory();
  const now = useNow();
  const { pending, error, run } = useDaemonActions();
  const state = daemon?.state;
  const running = state === 'running';
  const busy = pending !== null || state === 'starting' || state === 'stopping';
  const canStart = !busy && (state === 'stopped' || state === 'crashed' || state === 'failed' || state === 'backing-off');

  const wsUrl = status?.endpoint ?? daemon?.endpoint;
  const httpUrl = status?.httpEndpoint ?? daemon?.httpEndpoint;
  const minute = recentTotals(history, 60);
  const uptimeS = status && running ? (now - status.startedAt) / 1000 : undefined;

  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={<StateBadge state={state} />}
        actions={
          <>
            <button type="button" className="btn btn-primary" onClick={() => run('daemon:start')} disabled={!canStart}>
              {pending === 'daemon:start' ? 'Starting…' : 'Start'}
            </button>
            <button type="button" className="btn" onClick={() => run('daemon:stop')} disabled={busy || state === 'stopped'}>
              {pending === 'daemon:stop' ? 'Stopping…' : 'Stop'}
            </button>
            <button type="button" className="btn" onClick={() => run('daemon:restart')} disabled={busy || !running}>
              {pending === 'daemon:restart' ? 'Restarting…' : 'Restart'}
            </button>
          </>
        }
      />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {daemon && TROUBLE.has(daemon.state) && (
        <CrashPanel daemon={daemon} onRetry={() => run('daemon:start')} retrying={pending === 'daemon:start'} />
      )}
      {state === 'stopped' && (
        <div className="banner banner-info" role="status">
          The daemon is stopped. MCP clients cannot connect until you start it.
        </div>
      )}

      <div className="stats">
        <Stat label="Uptime" value={uptimeS !== undefined ? formatDuration(uptimeS) : '—'} />
        <Stat label="Version" value={status?.version ?? '—'} />
        <Stat label="Sessions" value={status ? status.sessions.length : '—'} />
        <Stat label="In flight" value={status ? status.inflight : '—'} hint={status ? `limit ${status.limits.global}` : undefined} />
        <Stat label="Calls / min" value={status ? minute.calls : '—'} />
        <Stat label="Error rate" value={status ? formatPercent(minute.errors, minute.calls) : '—'} hint="last minute" />
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="endpoints-title">
          <h2 id="endpoints-title">Endpoints</h2>
          <Endpoint label="WebSocket (MCP)" url={wsUrl} />
          <Endpoint label="HTTP (Streamable MCP)" url={httpUrl} />
          {daemon?.pid && running && <p className="muted small">Process {daemon.pid}{daemon.restarts > 0 ? ` · restarted ${daemon.restarts}×` : ''}</p>}
        </section>
        <TokenCard />
      </div>
    </>
  );
}

function Endpoint({ label, url }: { label: string; url: string | undefined }) {
  return (
    <div className="endpoint">
      <div className="endpoint-label">{label}</div>
      <div className="endpoint-row">
        <code data-testid={`endpoint-${label.startsWith('Web') ? 'ws' : 'http'}`}>{url ?? 'not running'}</code>
        {url && <CopyButton text={url} label={`Copy ${label} URL`} compact />}
      </div>
    </div>
  );
}
