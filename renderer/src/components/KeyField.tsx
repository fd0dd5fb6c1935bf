import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId, SettingsView } from '../../../preload/api.ts';
import { useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
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
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
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
                onClick={clear}
                disabled={busy}
                aria-label={t('settings.key.clearWhat', { name: label })}
              >
                {t('common.clear')}
              </button>
            )}
          </>
        }
      />
    </form>
  );
}
