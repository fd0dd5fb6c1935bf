import { CopyButton } from '../components/CopyButton.tsx';
import { CrashPanel } from '../components/CrashPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Stat } from '../components/Stat.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { TokenCard } from '../components/TokenCard.tsx';
import { UpdateCard } from '../components/UpdateCard.tsx';
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
      <PageHeader title="Overview" />
      <section className={`hero hero-${state ?? 'unknown'}`} aria-label="Daemon">
        <div className="hero-main">
          <span className="hero-dot" aria-hidden="true" />
          <div>
            <div className="hero-title">
              <StateBadge state={state} />
              <span>{headline(state, daemon?.port ?? status?.endpoint)}</span>
            </div>
            <div className="muted small">
              {running && daemon?.pid ? `Process ${daemon.pid}` : 'MCP daemon'}
              {daemon && daemon.restarts > 0 ? ` · restarted ${daemon.restarts}×` : ''}
            </div>
          </div>
        </div>
        <div className="hero-actions">
          {running || state === 'stopping' ? (
            <>
              <button type="button" className="btn" onClick={() => run('daemon:restart')} disabled={busy}>
                {pending === 'daemon:restart' ? 'Restarting…' : 'Restart'}
              </button>
              <button type="button" className="btn btn-danger-soft" onClick={() => run('daemon:stop')} disabled={busy}>
                {pending === 'daemon:stop' || state === 'stopping' ? 'Stopping…' : 'Stop'}
              </button>
            </>
          ) : state === 'starting' ? (
            <button type="button" className="btn btn-primary" disabled>
              Starting…
            </button>
          ) : (
            !TROUBLE.has(state ?? '') && (
              <button type="button" className="btn btn-primary" onClick={() => run('daemon:start')} disabled={!canStart}>
                {pending === 'daemon:start' ? 'Starting…' : 'Start'}
              </button>
            )
          )}
        </div>
      </section>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {daemon && TROUBLE.has(daemon.state) && (
        <CrashPanel daemon={daemon} onRetry={() => run('daemon:start')} retrying={pending === 'daemon:start'} />
      )}
      {state === 'stopped' && (
        <p className="muted" role="status">
          The daemon is stopped. MCP clients cannot connect until you start it.
        </p>
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
        </section>
        <TokenCard />
      </div>
      <UpdateCard />
    </>
  );
}

function headline(state: string | undefined, where: number | string | undefined): string {
  switch (state) {
    case 'running':
      return typeof where === 'number' ? `Listening on port ${where}` : 'Listening';
    case 'starting':
      return 'Starting the daemon…';
    case 'stopping':
      return 'Stopping — letting calls in flight finish…';
    case 'stopped':
      return 'Not running';
    case 'backing-off':
      return 'Stopped unexpectedly; restarting';
    case 'crashed':
      return 'Crashed';
    case 'failed':
      return 'Could not start';
    default:
      return 'Connecting to the app…';
  }
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
