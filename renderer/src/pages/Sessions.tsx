import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSnapshot } from '../../../preload/api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatAgo, formatClock, formatDateTime, formatElapsed } from '../format.ts';
import { useDaemonState, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { invoke, readableError } from '../ipc.ts';

export function Sessions() {
  const { t, i18n } = useTranslation();
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
      setError(
        t('sessions.disconnectFailed', { name: s.clientName ?? s.id, error: readableError(e) }),
      );
    }
  };

  return (
    <>
      <PageHeader title={t('sessions.title')} subtitle={t('sessions.subtitle')} />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {daemon?.state !== 'running' ? (
        <EmptyState title={t('sessions.notRunningTitle')}>
          {t('sessions.notRunningBefore')}
          <a href="#/overview">{t('sessions.notRunningLink')}</a>
          {t('sessions.notRunningAfter')}
        </EmptyState>
      ) : sessions.length === 0 ? (
        <EmptyState title={t('sessions.emptyTitle')}>
          <a href="#/connect">{t('sessions.emptyLink')}</a>
          {t('sessions.emptyAfter')}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={t('sessions.table')}>
            <thead>
              <tr>
                <th scope="col">{t('sessions.client')}</th>
                <th scope="col">{t('sessions.transport')}</th>
                <th scope="col">{t('sessions.connected')}</th>
                <th scope="col" className="num">
                  {t('sessions.inFlight')}
                </th>
                <th scope="col" className="num">
                  {t('sessions.calls')}
                </th>
                <th scope="col" className="num">
                  {t('sessions.errors')}
                </th>
                <th scope="col">{t('sessions.lastTool')}</th>
                <th scope="col">
                  <span className="sr-only">{t('sessions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const expanded = open.has(s.id);
                const name = s.clientName ?? t('sessions.unknownClient');
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
                      <td>{t(`sessions.transports.${s.transport}`)}</td>
                      <td title={formatDateTime(i18n.language, s.connectedAt)}>
                        {formatClock(i18n.language, s.connectedAt)}{' '}
                        <span className="muted small">({formatAgo(t, s.connectedAt, now)})</span>
                      </td>
                      <td className="num" data-testid="session-inflight">
                        {s.inflight.length > 0 ? <span className="pill-live">{s.inflight.length}</span> : 0}
                      </td>
                      <td className="num">{s.calls}</td>
                      <td className={`num${s.errors > 0 ? ' error-text' : ''}`}>{s.errors}</td>
                      <td>{s.lastTool ? <code>{s.lastTool}</code> : <span className="muted">—</span>}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm"
                          onClick={() => disconnect(s)}
                          aria-label={t('sessions.disconnectWhat', { name })}
                        >
                          {t('sessions.disconnect')}
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
  const { t, i18n } = useTranslation();
  if (session.inflight.length === 0) return <p className="muted small">{t('sessions.noCalls')}</p>;
  return (
    <table
      className="table table-inner"
      aria-label={t('sessions.callsOf', { name: session.clientName ?? session.id })}
    >
      <thead>
        <tr>
          <th scope="col">{t('sessions.tool')}</th>
          <th scope="col">{t('sessions.model')}</th>
          <th scope="col" className="num">
            {t('sessions.elapsed')}
          </th>
        </tr>
      </thead>
      <tbody>
        {session.inflight.map((c) => (
          <tr key={c.id} data-call={c.id}>
            <td>
              <code>{c.tool}</code>
              {c.step && (
                <span className="muted small">
                  {' '}
                  {t('sessions.step', { number: c.step.number, total: c.step.total })}
                </span>
              )}
            </td>
            <td>{c.model ?? <span className="muted">{t('sessions.choosing')}</span>}</td>
            <td className="num">
              {formatElapsed(t, i18n.language, Math.max(c.elapsedMs, now - c.startedAt))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
