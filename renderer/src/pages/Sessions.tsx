import { Fragment, useState } from 'react';
import type { SessionSnapshot } from '../../../preload/api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatAgo, formatClock, formatElapsed } from '../format.ts';
import { useDaemonState, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { invoke, readableError } from '../ipc.ts';

const TRANSPORTS: Record<SessionSnapshot['transport'], string> = {
  'mcp-ws': 'WebSocket',
  'mcp-http': 'HTTP',
  'legacy-ws': 'Legacy WS',
  bridge: 'stdio bridge',
};

export function Sessions() {
  const status = useStatus();
  const daemon = useDaemonState();
  const now = useNow();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState('');
  const sessions = status?.sessions ?? [];

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const disconnect = async (s: SessionSnapshot) => {
    setError('');
    try {
      await invoke('sessions:disconnect', s.id);
    } catch (e) {
      setError(`Could not disconnect ${s.clientName ?? s.id}: ${readableError(e)}`);
    }
  };

  return (
    <>
      <PageHeader title="Sessions" subtitle="Clients connected to the daemon right now." />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {daemon?.state !== 'running' ? (
        <EmptyState title="The daemon is not running">
          Start it on the <a href="#/overview">Overview</a> page; clients can connect once it runs.
        </EmptyState>
      ) : sessions.length === 0 ? (
        <EmptyState title="No sessions yet — connect a client">
          <a href="#/connect">Connect a client</a> such as Claude Desktop, Claude Code, Cursor or VS Code.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Connected sessions">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Transport</th>
                <th scope="col">Connected</th>
                <th scope="col" className="num">
                  In flight
                </th>
                <th scope="col" className="num">
                  Calls
                </th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col">Last tool</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const expanded = open.has(s.id);
                const name = s.clientName ?? 'Unknown client';
                return (
                  <Fragment key={s.id}>
                    <tr data-session={s.id} className={expanded ? 'is-open' : undefined}>
                      <td>
                        <button
                          type="button"
                          className="row-toggle"
                          aria-expanded={expanded}
                          aria-controls={`calls-${s.id}`}
                          onClick={() => toggle(s.id)}
                        >
                          <span className="chevron" aria-hidden="true">
                            ▸
                          </span>
                          <span className="client-name">{name}</span>
                          {s.clientVersion && <span className="muted small"> {s.clientVersion}</span>}
                        </button>
                      </td>
                      <td>{TRANSPORTS[s.transport]}</td>
                      <td title={new Date(s.connectedAt).toLocaleString()}>
                        {formatClock(s.connectedAt)} <span className="muted small">({formatAgo(s.connectedAt, now)})</span>
                      </td>
                      <td className="num" data-testid="session-inflight">
                        {s.inflight.length > 0 ? <span className="pill-live">{s.inflight.length}</span> : 0}
                      </td>
                      <td className="num">{s.calls}</td>
                      <td className={`num${s.errors > 0 ? ' error-text' : ''}`}>{s.errors}</td>
                      <td>{s.lastTool ? <code>{s.lastTool}</code> : <span className="muted">—</span>}</td>
                      <td className="actions">
                        <button type="button" className="btn btn-ghost btn-sm" onClick={() => disconnect(s)} aria-label={`Disconnect ${name}`}>
                          Disconnect
                        </button>
                      </td>
                    </tr>
                    {expanded && (
                      <tr className="detail-row" id={`calls-${s.id}`}>
                        <td colSpan={8}>
                          <InflightCalls session={s} now={now} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function InflightCalls({ session, now }: { session: SessionSnapshot; now: number }) {
  if (session.inflight.length === 0) return <p className="muted small">No calls in flight.</p>;
  return (
    <table className="table table-inner" aria-label={`In-flight calls of ${session.clientName ?? session.id}`}>
      <thead>
        <tr>
          <th scope="col">Tool</th>
          <th scope="col">Model</th>
          <th scope="col" className="num">
            Elapsed
          </th>
        </tr>
      </thead>
      <tbody>
        {session.inflight.map((c) => (
          <tr key={c.id} data-call={c.id}>
            <td>
              <code>{c.tool}</code>
              {c.activity && <span className="muted small"> · {c.activity}</span>}
            </td>
            <td>{c.model ?? <span className="muted">choosing…</span>}</td>
            <td className="num">{formatElapsed(Math.max(c.elapsedMs, now - c.startedAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
