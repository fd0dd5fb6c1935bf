import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../preload/api.ts';
import { api, invoke, readableError } from '../ipc.ts';
import { formatDateTime } from '../format.ts';
import { describeUpdate } from '../updates/update-text.ts';

// The dashboard's About/updates card: what the auto-updater is doing, and the only button (besides
// the tray item) that restarts the app for an update.
export function UpdateCard() {
  const { t, i18n } = useTranslation();
  const [update, setUpdate] = useState<UpdateState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    const off = api().on('update:state', (s) => setUpdate(s));
    invoke('update:get-state').then(
      (s) => live && setUpdate(s),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);

  if (!update) return null;
  const view = describeUpdate(update, (ms) => formatDateTime(i18n.language, ms), t);
  const act = async (channel: 'update:install' | 'update:check') => {
    setBusy(true);
    setError('');
    try {
      const next = await invoke(channel);
      if (next) setUpdate(next);
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="updates-title" data-testid="update-card">
      <h2 id="updates-title">{t('update.title')}</h2>
      <p role="status">
        <strong>{view.headline}</strong>
      </p>
      <p className="muted small">{view.detail}</p>
      {view.action === 'install' && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void act('update:install')}
        >
          {t('update.installButton')}
        </button>
      )}
      {view.action === 'check' && update.disabledReason !== 'setting-off' && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void act('update:check')}
        >
          {busy ? t('update.checkingButton') : t('update.checkButton')}
        </button>
      )}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
