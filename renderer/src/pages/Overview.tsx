import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmRow } from '../components/ConfirmRow.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { CrashPanel } from '../components/CrashPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Stat } from '../components/Stat.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { TodayUsage } from '../components/TodayUsage.tsx';
import { TokenCard } from '../components/TokenCard.tsx';
import { UpdateCard } from '../components/UpdateCard.tsx';
import { formatDuration, formatNumber, formatPercent, type Translate } from '../format.ts';
import { useDaemonActions } from '../hooks/useDaemonActions.ts';
import { useDaemonState, useHistory, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { useReadiness } from '../hooks/useReadiness.ts';
import { recentTotals } from '../store/health-history.ts';

const TROUBLE = new Set(['crashed', 'failed', 'backing-off']);

export function Overview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const daemon = useDaemonState();
  const status = useStatus();
  const history = useHistory();
  const now = useNow();
  const { pending, error, run } = useDaemonActions();
  const ready = useReadiness();
  const degraded = ready !== undefined && ready !== 'ready';
  // Stop and Restart cut calls in flight short: with any running, ask first.
  const [confirm, setConfirm] = useState<'daemon:stop' | 'daemon:restart' | null>(null);
  const inflight = status?.inflight ?? 0;
  const act = (action: 'daemon:stop' | 'daemon:restart') =>
    inflight > 0 ? setConfirm(action) : void run(action);
  const state = daemon?.state;
  const running = state === 'running';
  const busy = pending !== null || state === 'starting' || state === 'stopping';
  const canStart =
    !busy &&
    (state === 'stopped' || state === 'crashed' || state === 'failed' || state === 'backing-off');

  const wsUrl = status?.endpoint ?? daemon?.endpoint;
  const httpUrl = status?.httpEndpoint ?? daemon?.httpEndpoint;
  const minute = recentTotals(history, 60);
  const uptimeS = status && running ? (now - status.startedAt) / 1000 : undefined;

  return (
    <>
      <PageHeader title={t('overview.title')} />
      <section
        className={`hero hero-${degraded ? 'degraded' : (state ?? 'unknown')}`}
        aria-label={t('overview.daemon')}
      >
        <div className="hero-main">
          <span className="hero-dot" aria-hidden="true" />
          <div>
            <div className="hero-title">
              <StateBadge state={state} readiness={ready} />
              <span>{headline(t, state, daemon?.port ?? status?.endpoint)}</span>
            </div>
            {degraded && (
              <p className="warn-text" data-testid="readiness-note">
                {t(`readiness.explain.${ready}`)}{' '}
                <a href="#/settings">{t(`readiness.fix.${ready}`)}</a>
              </p>
            )}
            <div className="muted small">
              {running && daemon?.pid
                ? t('overview.process', { pid: daemon.pid })
                : t('overview.mcpDaemon')}
              {daemon && daemon.restarts > 0
                ? t('overview.restarted', { count: daemon.restarts })
                : ''}
            </div>
          </div>
        </div>
        <div className="hero-actions">
          {running || state === 'stopping' ? (
            <>
              <button
                type="button"
                className="btn"
                onClick={() => act('daemon:restart')}
                disabled={busy}
              >
                {pending === 'daemon:restart' ? t('overview.restarting') : t('overview.restart')}
              </button>
              <button
                type="button"
                className="btn btn-danger-soft"
                onClick={() => act('daemon:stop')}
                disabled={busy}
              >
                {pending === 'daemon:stop' || state === 'stopping'
                  ? t('overview.stopping')
                  : t('overview.stop')}
              </button>
            </>
          ) : state === 'starting' ? (
            <button type="button" className="btn btn-primary" disabled>
              {t('overview.starting')}
            </button>
          ) : (
            !TROUBLE.has(state ?? '') && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => run('daemon:start')}
                disabled={!canStart}
              >
                {pending === 'daemon:start' ? t('overview.starting') : t('overview.start')}
              </button>
            )
          )}
        </div>
      </section>
      {confirm && (
        <ConfirmRow
          testId="daemon-confirm"
          message={t('overview.confirmInflight', {
            count: inflight,
            sessions: status?.sessions.length ?? 0,
          })}
          confirmLabel={
            confirm === 'daemon:stop' ? t('overview.stopAnyway') : t('overview.restartAnyway')
          }
          onConfirm={() => {
            setConfirm(null);
            void run(confirm);
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {daemon && TROUBLE.has(daemon.state) && (
        <CrashPanel
          daemon={daemon}
          onRetry={() => run('daemon:start')}
          retrying={pending === 'daemon:start'}
        />
      )}
      {state === 'stopped' && (
        <p className="muted" role="status">
          {t('overview.stoppedNote')}
        </p>
      )}

      <div className="stats">
        <Stat
          label={t('overview.uptime')}
          value={uptimeS !== undefined ? formatDuration(t, uptimeS) : '—'}
        />
        <Stat label={t('overview.version')} value={status?.version ?? '—'} />
        <Stat
          label={t('overview.sessions')}
          value={status ? formatNumber(lang, status.sessions.length) : '—'}
        />
        <Stat
          label={t('overview.inFlight')}
          value={status ? formatNumber(lang, status.inflight) : '—'}
          hint={
            status
              ? t('overview.limit', { limit: formatNumber(lang, status.limits.global) })
              : undefined
          }
        />
        <Stat
          label={t('overview.callsPerMin')}
          value={status ? formatNumber(lang, minute.calls) : '—'}
        />
        <Stat
          label={t('overview.errorRate')}
          value={status ? formatPercent(lang, minute.errors, minute.calls) : '—'}
          hint={t('overview.lastMinute')}
        />
        <TodayUsage running={running} />
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="endpoints-title">
          <h2 id="endpoints-title">{t('overview.endpoints')}</h2>
          <Endpoint kind="ws" label={t('overview.wsEndpoint')} url={wsUrl} />
          <Endpoint kind="http" label={t('overview.httpEndpoint')} url={httpUrl} />
        </section>
        <TokenCard />
      </div>
      <UpdateCard />
    </>
  );
}

function headline(
  t: Translate,
  state: string | undefined,
  where: number | string | undefined,
): string {
  switch (state) {
    case 'running':
      return typeof where === 'number'
        ? t('overview.headline.listeningOn', { port: where })
        : t('overview.headline.listening');
    case 'starting':
    case 'stopping':
    case 'stopped':
    case 'backing-off':
    case 'crashed':
    case 'failed':
      return t(`overview.headline.${state}`);
    default:
      return t('overview.headline.connecting');
  }
}

function Endpoint({
  kind,
  label,
  url,
}: {
  kind: 'ws' | 'http';
  label: string;
  url: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="endpoint">
      <div className="endpoint-label">{label}</div>
      <div className="endpoint-row">
        <code data-testid={`endpoint-${kind}`}>{url ?? t('overview.notRunning')}</code>
        {url && <CopyButton text={url} label={t('overview.copyUrl', { label })} compact />}
      </div>
    </div>
  );
}
