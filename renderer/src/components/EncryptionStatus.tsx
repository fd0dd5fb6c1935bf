import { useState } from 'react';
import type { SettingsView } from '../../../preload/api.ts';
import { useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

export function EncryptionStatus({ settings }: { settings: SettingsView }) {
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
        <span aria-hidden="true">🔒</span> Keys are encrypted with your system keychain.
      </p>
    );
  }
  if (settings.encryption === 'unavailable') {
    return (
      <p className="enc enc-bad" data-testid="encryption-status" role="status">
        No secure storage is available, so keys cannot be saved here. Set KIMI_API_KEY / GLM_API_KEY in the environment instead.
      </p>
    );
  }
  return (
    <div className="enc enc-warn" data-testid="encryption-status">
      <p>
        No system keychain was found (Linux without a secret service). Keys can only be stored with a plain-text fallback
        that any program running as you can read.
      </p>
      <label className="check">
        <input type="checkbox" checked={settings.plainTextConsent} onChange={(e) => consent(e.target.checked)} />
        Store keys with the plain-text fallback anyway
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
