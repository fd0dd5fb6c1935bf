import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../preload/api.ts';
import { useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

export function EncryptionStatus({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [error, setError] = useState('');
  const consent = async (plainTextConsent: boolean) => {
    setError('');
    try {
      store.patch({ settings: await invoke('settings:update', { plainTextConsent }) });
    } catch (e) {
      setError(readableError(e));
    }
  };
  if (settings.encryption === 'os') {
    return (
      <p className="enc enc-ok" data-testid="encryption-status">
        <span aria-hidden="true">🔒</span> {t('settings.encryption.os')}
      </p>
    );
  }
  if (settings.encryption === 'unavailable') {
    return (
      <p className="enc enc-bad" data-testid="encryption-status" role="status">
        {t('settings.encryption.unavailable')}
      </p>
    );
  }
  return (
    <div className="enc enc-warn" data-testid="encryption-status">
      <p>{t('settings.encryption.basicText')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.plainTextConsent}
          onChange={(e) => consent(e.target.checked)}
        />
        {t('settings.encryption.consent')}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
