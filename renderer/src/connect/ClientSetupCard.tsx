import { useTranslation } from 'react-i18next';
import type { ClientEntryState, ClientStatus } from '../../../preload/api.ts';
import { formatClock } from '../format.ts';
import type { ClientAction } from './use-clients.ts';

const BADGE: Record<ClientEntryState, string> = {
  'not-installed': 'badge-muted',
  absent: 'badge-muted',
  current: 'badge-ok',
  outdated: 'badge-warn',
  unreadable: 'badge-err',
};

interface Props {
  client: ClientStatus;
  busy: ClientAction | undefined;
  error: string | undefined;
  onAction(action: ClientAction): void;
  /** The first-run setup shows only Add/Verify; the Connect page shows every action. */
  compact?: boolean;
}

// One client's one-click setup: where its config lives, whether our entry is there and current,
// the last check (connecting the way the client would), and what can be done about it.
export function ClientSetupCard({ client, busy, error, onAction, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const c = client;
  const hasEntry = c.state === 'current' || c.state === 'outdated';
  const titleId = `setup-${c.id}-title`;
  const addLabel =
    c.state === 'outdated'
      ? t('connect.setup.update', { name: c.name })
      : t('connect.setup.add', { name: c.name });
  return (
    <section className="card client-setup" aria-labelledby={titleId} data-setup={c.id}>
      <div className="card-head">
        <h3 id={titleId}>{c.name}</h3>
        <span className={`badge ${BADGE[c.state]}`} data-testid={`${c.id}-state`}>
          {t(`connect.setup.state.${c.state}`)}
        </span>
      </div>
      <div className="client-path">
        <span className="muted small">{t('connect.setup.configFile')}</span>{' '}
        <code data-testid={`${c.id}-path`}>{c.path}</code>
      </div>
      {c.state === 'unreadable' && c.error && (
        <p className="field-error">{t('connect.setup.unreadable', { error: c.error })}</p>
      )}
      {c.state === 'outdated' && (
        <p className="muted small">
          {c.managed ? t('connect.setup.outdatedManaged') : t('connect.setup.outdatedHint')}
        </p>
      )}
      {c.check && (
        <div
          className={`test-result ${c.check.ok ? 'is-ok' : 'is-fail'}`}
          role="status"
          data-testid={`${c.id}-check`}
        >
          <strong>
            {c.check.ok
              ? t('connect.setup.verified', { time: formatClock(i18n.language, c.check.at) })
              : t('connect.setup.verifyFailed', { time: formatClock(i18n.language, c.check.at) })}
          </strong>
          <span className="small"> · {c.check.message}</span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="client-actions">
        {c.state !== 'current' && c.state !== 'unreadable' && (
          <button
            type="button"
            className={`btn btn-sm ${c.state === 'not-installed' ? '' : 'btn-primary'}`}
            disabled={Boolean(busy)}
            onClick={() => onAction('add')}
          >
            {busy === 'add' ? t('connect.setup.adding') : addLabel}
          </button>
        )}
        {hasEntry && (
          <button
            type="button"
            className="btn btn-sm"
            disabled={Boolean(busy)}
            onClick={() => onAction('verify')}
            aria-label={t('connect.setup.verifyWhat', { name: c.name })}
          >
            {busy === 'verify' ? t('connect.setup.verifying') : t('connect.setup.verify')}
          </button>
        )}
        {!compact && hasEntry && (
          <button
            type="button"
            className="btn btn-sm btn-danger-soft"
            disabled={Boolean(busy)}
            onClick={() => onAction('remove')}
            aria-label={t('connect.setup.removeWhat', { name: c.name })}
          >
            {t('connect.setup.remove')}
          </button>
        )}
        {!compact && c.backup && (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            disabled={Boolean(busy)}
            onClick={() => onAction('restore')}
            aria-label={t('connect.setup.restoreWhat', { name: c.name })}
            title={c.backup}
          >
            {t('connect.setup.restore')}
          </button>
        )}
      </div>
    </section>
  );
}
