import { useEffect, useState } from 'react';
import type { ConnectInfo } from '../../../preload/api.ts';
import { CodeBlock } from '../components/CodeBlock.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { clientConfigs } from '../connect/client-configs.ts';
import { useDaemonState } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

const MASK = '•'.repeat(12);

export function Connect() {
  const daemon = useDaemonState();
  const [info, setInfo] = useState<ConnectInfo | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [showToken, setShowToken] = useState(false);
  const [error, setError] = useState('');

  // Re-read when the daemon (re)starts: the port or token may have changed.
  const since = daemon?.since;
  useEffect(() => {
    let live = true;
    Promise.all([invoke('connect:info'), invoke('token:reveal')])
      .then(([i, t]) => {
        if (!live) return;
        setInfo(i);
        setToken(t);
        setError('');
      })
      .catch((e: unknown) => live && setError(readableError(e)));
    return () => {
      live = false;
    };
  }, [since]);

  return (
    <>
      <PageHeader
        title="Connect a client"
        subtitle="Paste one of these into your MCP client. Each includes what the client needs to find and authenticate to the daemon."
        actions={
          <label className="check">
            <input type="checkbox" checked={showToken} onChange={(e) => setShowToken(e.target.checked)} />
            Show token
          </label>
        }
      />
      {error && (
        <div className="banner banner-error" role="alert">
          Could not load connection details: {error}
        </div>
      )}
      {daemon && daemon.state !== 'running' && (
        <div className="banner banner-info" role="status">
          The daemon is {daemon.state}. Clients can use these settings once it runs.
        </div>
      )}
      {info && token !== null && (
        <>
          <div className="grid-2">
            {clientConfigs(info, token).map((c) => {
              const shown = showToken ? undefined : clientConfigs(info, MASK).find((m) => m.id === c.id)?.text;
              return (
                <section key={c.id} className="card" aria-labelledby={`client-${c.id}`} data-client={c.id}>
                  <h2 id={`client-${c.id}`}>{c.name}</h2>
                  <p className="muted small">{c.where}</p>
                  <CodeBlock text={c.text} shown={shown} label={`${c.name} configuration`} />
                </section>
              );
            })}
          </div>
          <section className="card" aria-labelledby="raw-title">
            <h2 id="raw-title">Other clients</h2>
            <dl className="facts">
              <dt>WebSocket</dt>
              <dd>
                <code>{info.wsUrl}</code> <CopyButton text={info.wsUrl} label="Copy WebSocket URL" compact />
              </dd>
              <dt>HTTP</dt>
              <dd>
                <code>{info.httpUrl}</code> <CopyButton text={info.httpUrl} label="Copy HTTP URL" compact />
              </dd>
              <dt>Header</dt>
              <dd>
                <code>Authorization: Bearer {showToken ? token : MASK}</code>
              </dd>
            </dl>
          </section>
        </>
      )}
    </>
  );
}
