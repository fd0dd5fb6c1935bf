import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId } from '../../../preload/api.ts';
import { useLive, useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

// "Test connection" for one provider, shared by the Providers page and the first-run setup. The
// result is kept in the live store, so it is still there when the user moves between pages.
export function useConnectionTest(id: ProviderId) {
  const store = useLiveStore();
  const test = useLive((s) => s.tests[id]);
  const [testing, setTesting] = useState(false);
  const run = async () => {
    setTesting(true);
    const started = Date.now();
    try {
      const result = await invoke('providers:test', id);
      store.patch({ tests: { ...store.get().tests, [id]: { ...result, at: Date.now() } } });
    } catch (e) {
      const failed = {
        ok: false,
        latencyMs: Date.now() - started,
        message: readableError(e),
        at: Date.now(),
      };
      store.patch({ tests: { ...store.get().tests, [id]: failed } });
    } finally {
      setTesting(false);
    }
  };
  return { test, testing, run };
}

export function TestResult({ id }: { id: ProviderId }) {
  const { t } = useTranslation();
  const test = useLive((s) => s.tests[id]);
  return (
    <div aria-live="polite" data-testid={`${id}-test-result`}>
      {test && (
        <div className={`test-result ${test.ok ? 'is-ok' : 'is-fail'}`}>
          <strong>{test.ok ? t('providers.connected') : t('providers.failed')}</strong>
          <span className="muted">
            {' '}
            · {t('providers.latency', { ms: Math.round(test.latencyMs) })}
          </span>
          {/* The daemon's words for a failure name the provider's own error; a success is counted here. */}
          <div>
            {test.ok && test.models
              ? t('providers.listedCount', { count: test.models.length })
              : test.message}
          </div>
        </div>
      )}
    </div>
  );
}
