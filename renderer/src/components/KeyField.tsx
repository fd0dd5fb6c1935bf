import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId, SettingsView } from '../../../preload/api.ts';
import { useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { ConfirmRow } from './ConfirmRow.tsx';
import { useConnectionTest } from './ConnectionTest.tsx';
import { Field } from './Field.tsx';

interface Props {
  id: ProviderId;
  label: string;
  settings: SettingsView;
  /** Keys cannot be stored (no encryption, or plain-text fallback without consent). */
  blocked?: string | undefined;
}

/** Why keys cannot be saved right now (no encryption, or the plain-text fallback without consent). */
export function keyBlockedReason(
  settings: SettingsView,
  t: (key: string) => string,
): string | undefined {
  if (settings.encryption === 'unavailable') return t('settings.keysUnavailable');
  if (settings.encryption === 'basic-text' && !settings.plainTextConsent)
    return t('settings.keysNeedConsent');
  return undefined;
}

// The key goes to the main process and never comes back: the page only ever sees last4.
export function KeyField({ id, label, settings, blocked }: Props) {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // After Clear: asking; after Save: offering a test; then the test's outcome.
  const [step, setStep] = useState<'confirm-clear' | 'offer-test' | 'testing' | null>(null);
  const [tested, setTested] = useState<{ ok: boolean; message: string } | null>(null);
  const info = settings.keys[id];

  const check = (v: string) =>
    v.trim().length < 8
      ? t('validation.keyTooShort')
      : v.length > 512
        ? t('validation.keyTooLong')
        : undefined;
  const save = async () => {
    const problem = check(value);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      store.patch({ settings: await invoke('settings:set-key', id, value.trim()) });
      setValue('');
      setTested(null);
      setStep('offer-test');
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(false);
    }
  };
  const connection = useConnectionTest(id);
  const test = async () => {
    setStep('testing');
    const result = await connection.run();
    setTested({ ok: result.ok, message: result.message });
    setStep(null);
  };
  const clear = async () => {
    setStep(null);
    setTested(null);
    setBusy(true);
    setError(undefined);
    try {
      store.patch({ settings: await invoke('settings:clear-key', id) });
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="key-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        label={t('settings.key.label', { name: label })}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={
          info.configured
            ? t('settings.key.savedPlaceholder', { last4: info.last4 ?? '••••' })
            : t('settings.key.pastePlaceholder')
        }
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(undefined);
        }}
        onBlur={() => value && setError(check(value))}
        error={error}
        disabled={Boolean(blocked)}
        hint={
          blocked ??
          (info.configured
            ? t('settings.key.savedHint', { last4: info.last4 ?? '••••' })
            : t('settings.key.noKey'))
        }
        after={
          <>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy || !value || Boolean(blocked)}
            >
              {t('common.save')}
            </button>
            {info.configured && (
              <button
                type="button"
                className="btn"
                onClick={() => setStep('confirm-clear')}
                disabled={busy || step === 'confirm-clear'}
                aria-label={t('settings.key.clearWhat', { name: label })}
              >
                {t('common.clear')}
              </button>
            )}
          </>
        }
      />
      {step === 'confirm-clear' && (
        <ConfirmRow
          testId={`clear-confirm-${id}`}
          message={t('settings.key.confirmClear', { name: label, last4: info.last4 ?? '••••' })}
          confirmLabel={t('settings.key.clearNow')}
          onConfirm={() => void clear()}
          onCancel={() => setStep(null)}
        />
      )}
      {(step === 'offer-test' || step === 'testing') && (
        <ConfirmRow
          testId={`test-offer-${id}`}
          tone="normal"
          message={t('settings.key.offerTest', { name: label })}
          confirmLabel={step === 'testing' ? t('providers.testing') : t('providers.testConnection')}
          cancelLabel={t('settings.key.notNow')}
          busy={step === 'testing'}
          onConfirm={() => void test()}
          onCancel={() => setStep(null)}
        />
      )}
      {tested && (
        <p
          className={tested.ok ? 'ok-text' : 'error-text'}
          role="status"
          data-testid={`key-test-${id}`}
        >
          {tested.ok
            ? t('settings.key.testOk', { name: label })
            : t('settings.key.testFailed', { message: tested.message })}
        </p>
      )}
    </form>
  );
}
