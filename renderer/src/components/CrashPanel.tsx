import type { DaemonState } from '../../../preload/api.ts';
import { useNow } from '../hooks/useNow.ts';
import { formatDuration } from '../format.ts';

interface Props {
  daemon: DaemonState;
  onRetry: () => void;
  retrying: boolean;
}

// What went wrong, what the daemon said last, and one button to try again.
export function CrashPanel({ daemon, onRetry, retrying }: Props) {
  const now = useNow();
  const retryIn = daemon.nextRetryAt ? Math.max(0, (daemon.nextRetryAt - now) / 1000) : undefined;
  const title =
    daemon.state === 'failed' ? 'The daemon could not be started' : daemon.state === 'backing-off' ? 'The daemon stopped unexpectedly' : 'The daemon crashed';
  return (
    <section className="card card-danger" role="alert" aria-labelledby="crash-title">
      <h2 id="crash-title">{title}</h2>
      <p className="crash-reason" data-testid="crash-reason">
        {daemon.reason ?? 'It exited without saying why.'}
      </p>
      {daemon.state === 'backing-off' && retryIn !== undefined && (
        <p className="muted">Restarting automatically in {formatDuration(Math.ceil(retryIn))} (restart #{daemon.restarts + 1}).</p>
      )}
      {daemon.lastLogLines && daemon.lastLogLines.length > 0 && (
        <>
          <h3>Last log lines</h3>
          <pre className="log-excerpt" tabIndex={0} aria-label="Last log lines">
            {daemon.lastLogLines.join('\n')}
          </pre>
        </>
      )}
      <div className="row gap">
        <button type="button" className="btn btn-primary" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Starting…' : daemon.state === 'backing-off' ? 'Retry now' : 'Retry'}
        </button>
        <a className="btn btn-ghost" href="#/logs">
          Open logs
        </a>
      </div>
    </section>
  );
}
