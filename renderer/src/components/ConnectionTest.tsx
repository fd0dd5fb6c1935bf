import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult, ProviderId } from '../../../preload/api.ts';
import { formatAgo, formatClock } from '../format.ts';
import { useLive, useLiveStore } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { invoke, readableError } from '../ipc.ts';

// "Test connection" for one provider, shared by the Providers page and the first-run setup. The
// result is kept in the live store, so it is still there when the user moves between pages.
export function useConnectionTest(id: ProviderId) {
  const store = useLiveStore();
  const test = useLive((s) => s.tests[id]);
  const [testing, setTesting] = useState(false);
  const run = async (): Promise<ConnectionTestResult> => {
    setTesting(true);
    const started = Date.now();
    try {
      const result = await invoke('providers:test', id);
      store.patch({ tests: { ...store.get().tests, [id]: { ...result, at: Date.now() } } });
      return result;
    } catch (e) {
      const failed = {
        ok: false,
        latencyMs: Date.now() - started,
        message: readableError(e),
        at: Date.now(),
      };
      store.patch({ tests: { ...store.get().tests, [id]: failed } });
      return failed;
    } finally {
      setTesting(false);
    }
  };
  return { test, testing, run };
}

export function TestResult({ id }: { id: ProviderId }) {
  const { t, i18n } = useTranslation();
  const test = useLive((s) => s.tests[id]);
  // Results age on screen: "tested at 14:02:11 (2m 5s ago)".
  const now = useNow();
  return (
    <div aria-live="polite" data-testid={`${id}-test-result`}>
      {test && (
        <div className={`test-result ${test.ok ? 'is-ok' : 'is-fail'}`}>
          <strong>{test.ok ? t('providers.connected') : t('providers.failed')}</strong>
          <span className="muted">
            {' '}
            · {t('providers.latency', { ms: Math.round(test.latencyMs) })} ·{' '}
            <time dateTime={new Date(test.at).toISOString()} data-testid={`${id}-test-time`}>
              {t('providers.testedAt', {
                time: formatClock(i18n.language, test.at),
                ago: formatAgo(t, test.at, now),
              })}
            </time>
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
