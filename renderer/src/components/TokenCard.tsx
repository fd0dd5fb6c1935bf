import { useEffect, useState } from 'react';
import { useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { CopyButton } from './CopyButton.tsx';

// The token stays in the main process until the user asks to see it.
export function TokenCard() {
  const [token, setToken] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const settings = useSettings();
  const revealed = token !== null;

  // A client may rotate the token over the legacy protocol; the settings push that follows keeps
  // a revealed token current.
  useEffect(() => {
    if (!revealed) return;
    let live = true;
    invoke('token:reveal').then(
      (t) => live && setToken(t),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [settings, revealed]);

  const reveal = async () => {
    setError('');
    try {
      setToken(await invoke('token:reveal'));
    } catch (e) {
      setError(readableError(e));
    }
  };
  const rotate = async () => {
    setBusy(true);
    setError('');
    try {
      setToken(await invoke('token:rotate'));
      setConfirming(false);
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="token-title">
      <h2 id="token-title">Access token</h2>
      <p className="muted">Clients send it as a Bearer header or a ?token= query parameter.</p>
      <div className="endpoint-row">
        <code className="secret" data-testid="token-value" aria-label={token ? 'Token' : 'Token (hidden)'}>
          {token ?? '•'.repeat(32)}
        </code>
        {token ? (
          <>
            <CopyButton text={token} label="Copy token" compact />
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setToken(null)}>
              Hide
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-ghost btn-sm" onClick={reveal}>
            Reveal
          </button>
        )}
      </div>
      <div className="row gap">
        {confirming ? (
          <>
            <span className="warn-text">Clients using the old token will have to reconnect.</span>
            <button type="button" className="btn btn-danger btn-sm" onClick={rotate} disabled={busy}>
              {busy ? 'Rotating…' : 'Rotate now'}
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)}>
            Rotate token…
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
