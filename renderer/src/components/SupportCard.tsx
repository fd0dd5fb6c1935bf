import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../hooks/useHashRoute.ts';
import { invoke, readableError } from '../ipc.ts';

// Settings' small "Help" corner: the first-run setup again, and the diagnostics zip to attach to
// a bug report (secrets scrubbed by the daemon that builds it).
export function SupportCard() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r = await invoke('diagnostics:save');
      if (r.saved) setResult({ ok: true, text: t('diagnostics.saved', { path: r.path }) });
    } catch (e) {
      setResult({ ok: false, text: t('diagnostics.failed', { error: readableError(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="support-title">
      <h2 id="support-title">{t('settings.support')}</h2>
      <div className="row-actions">
        <a className="btn" href={hrefFor('setup')}>
          {t('firstRun.reopen')}
        </a>
        <button type="button" className="btn" onClick={() => void save()} disabled={busy}>
          {busy ? t('diagnostics.saving') : t('diagnostics.save')}
        </button>
      </div>
      <p className="muted small">{t('diagnostics.hint')}</p>
      {result && (
        <p
          className={result.ok ? 'ok-text' : 'field-error'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="diagnostics-result"
        >
          {result.text}
        </p>
      )}
    </section>
  );
}
