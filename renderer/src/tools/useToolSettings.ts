import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsPatch } from '../../../preload/api.ts';
import { useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

// The one save path for the tool profile and the tool switches: applied at once (the daemon gets
// them through `configure`, clients get list_changed), no Save button. `busy` names what is being
// applied so the page can hold its other tool controls until the daemon has answered.
export function useToolSettings() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const apply = async (
    what: string,
    patch: Pick<SettingsPatch, 'toolProfile' | 'enabledTools' | 'disabledTools'>,
  ) => {
    setBusy(what);
    setError('');
    try {
      store.patch({ settings: await invoke('settings:update', patch) });
    } catch (e) {
      setError(t('tools.saveFailed', { error: readableError(e) }));
    } finally {
      setBusy(null);
    }
  };
  return { apply, busy, error };
}
