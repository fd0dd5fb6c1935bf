import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { CopyButton } from './CopyButton.tsx';

// The token stays in the main process until the user asks to see it.
export function TokenCard() {
  const { t } = useTranslation();
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
      <h2 id="token-title">{t('token.title')}</h2>
      <p className="muted">{t('token.hint')}</p>
      <div className="endpoint-row">
        <code
          className="secret"
          data-testid="token-value"
          aria-label={token ? t('token.label') : t('token.labelHidden')}
        >
          {token ?? '•'.repeat(32)}
        </code>
        {token ? (
          <>
            <CopyButton text={token} label={t('token.copy')} compact />
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setToken(null)}>
              {t('token.hide')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-ghost btn-sm" onClick={reveal}>
            {t('token.reveal')}
          </button>
        )}
      </div>
      <div className="row gap">
        {confirming ? (
          <>
            <span className="warn-text">{t('token.rotateWarning')}</span>
            <button
              type="button"
              className="btn btn-danger btn-sm"
              onClick={rotate}
              disabled={busy}
            >
              {busy ? t('token.rotating') : t('token.rotateNow')}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)}>
            {t('token.rotate')}
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
