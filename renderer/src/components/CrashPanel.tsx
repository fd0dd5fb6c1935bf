import { useTranslation } from 'react-i18next';
import type { DaemonState } from '../../../preload/api.ts';
import { formatDuration } from '../format.ts';
import { useMessage } from '../i18n/index.ts';
import { useNow } from '../hooks/useNow.ts';

interface Props {
  daemon: DaemonState;
  onRetry: () => void;
  retrying: boolean;
}

// What went wrong, what the daemon said last, and one button to try again.
export function CrashPanel({ daemon, onRetry, retrying }: Props) {
  const { t } = useTranslation();
  const message = useMessage();
  const now = useNow();
  const retryIn = daemon.nextRetryAt ? Math.max(0, (daemon.nextRetryAt - now) / 1000) : undefined;
  const title =
    daemon.state === 'failed'
      ? t('crash.titleFailed')
      : daemon.state === 'backing-off'
        ? t('crash.titleBackingOff')
        : t('crash.titleCrashed');
  const reason = daemon.reasonMessage
    ? message(daemon.reasonMessage)
    : (daemon.reason ?? t('crash.noReason'));
  return (
    <section className="card card-danger" role="alert" aria-labelledby="crash-title">
      <h2 id="crash-title">{title}</h2>
      <p className="crash-reason" data-testid="crash-reason">
        {reason}
      </p>
      {daemon.state === 'backing-off' && retryIn !== undefined && (
        <p className="muted">
          {t('crash.restartingIn', {
            duration: formatDuration(t, Math.ceil(retryIn)),
            attempt: daemon.restarts + 1,
          })}
        </p>
      )}
      {daemon.lastLogLines && daemon.lastLogLines.length > 0 && (
        <>
          <h3>{t('crash.lastLogLines')}</h3>
          <pre className="log-excerpt" tabIndex={0} aria-label={t('crash.lastLogLines')}>
            {daemon.lastLogLines.join('\n')}
          </pre>
        </>
      )}
      <div className="row gap">
        <button type="button" className="btn btn-primary" onClick={onRetry} disabled={retrying}>
          {retrying
            ? t('crash.starting')
            : daemon.state === 'backing-off'
              ? t('crash.retryNow')
              : t('crash.retry')}
        </button>
        <a className="btn btn-ghost" href="#/logs">
          {t('crash.openLogs')}
        </a>
      </div>
    </section>
  );
}
