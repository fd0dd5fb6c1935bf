import { useTranslation } from 'react-i18next';
import type { ProviderId, ProviderStatus } from '../../../preload/api.ts';
import { TestResult, useConnectionTest } from '../components/ConnectionTest.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatAgo } from '../format.ts';
import { useSettings, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';

const PROVIDERS: Array<{ id: ProviderId; name: string; vendor: string }> = [
  { id: 'kimi', name: 'Kimi', vendor: 'Moonshot AI' },
  { id: 'glm', name: 'GLM', vendor: 'Z.ai' },
];

const BREAKER_KEYS: Record<ProviderStatus['breaker'], string> = {
  closed: 'providers.breakerState.closed',
  open: 'providers.breakerState.open',
  'half-open': 'providers.breakerState.half-open',
};

export function Providers() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('providers.title')} subtitle={t('providers.subtitle')} />
      <div className="grid-2">
        {PROVIDERS.map((p) => (
          <ProviderCard key={p.id} {...p} />
        ))}
      </div>
    </>
  );
}

function ProviderCard({ id, name, vendor }: { id: ProviderId; name: string; vendor: string }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const status = useStatus()?.providers.find((p) => p.id === id);
  const { test, testing, run: runTest } = useConnectionTest(id);
  const now = useNow();
  const key = settings?.keys[id];
  // A key may come from the settings store or from the daemon's environment.
  const configured = Boolean(key?.configured || status?.configured);
  const titleId = `provider-${id}-title`;
  // The daemon's list (catalog + last live list) until a Test connection lists this key's own.
  const tested = test?.models && test.models.length > 0 ? test.models : undefined;
  const models = tested ?? status?.models ?? [];

  return (
    <section className="card provider" aria-labelledby={titleId} data-provider={id}>
      <div className="card-head">
        <div>
          <h2 id={titleId}>{name}</h2>
          <div className="muted small">{vendor}</div>
        </div>
        <span
          className={`badge ${status?.keyRejected ? 'badge-err' : configured ? 'badge-ok' : 'badge-muted'}`}
          data-testid={`${id}-configured`}
        >
          {status?.keyRejected
            ? t('providers.keyRejected')
            : configured
              ? t('providers.configured')
              : t('providers.notConfigured')}
        </span>
      </div>

      <dl className="facts">
        <dt>{t('providers.baseUrl')}</dt>
        <dd>
          <code>{status?.baseUrl ?? settings?.baseUrls[id] ?? '—'}</code>
        </dd>
        <dt>{t('providers.apiKey')}</dt>
        <dd>
          {key?.configured ? (
            <code>•••• {key.last4 ?? ''}</code>
          ) : status?.configured ? (
            t('providers.fromEnvironment')
          ) : (
            <a href="#/settings">{t('providers.addKeyInSettings')}</a>
          )}
        </dd>
        {status?.keyRejected && (
          <dd className="error-text" data-testid={`${id}-key-rejected`}>
            {t('providers.keyRejectedHint', { name })}
          </dd>
        )}
        <dt>{t('providers.breaker')}</dt>
        <dd data-testid={`${id}-breaker`}>
          {status ? (
            <span className={`breaker breaker-${status.breaker}`}>
              {t(BREAKER_KEYS[status.breaker])}
            </span>
          ) : (
            <span className="muted">{t('providers.daemonNotRunning')}</span>
          )}
        </dd>
        {status && (
          <>
            <dt>{t('providers.inFlight')}</dt>
            <dd>{t('providers.inFlightOf', { inflight: status.inflight, limit: status.limit })}</dd>
          </>
        )}
        <dt>{t('providers.lastError')}</dt>
        <dd>
          {status?.lastError ? (
            <span className="error-text">
              {status.lastError}
              {status.lastErrorAt && (
                <span className="muted"> · {formatAgo(t, status.lastErrorAt, now)}</span>
              )}
            </span>
          ) : (
            <span className="muted">{t('common.none')}</span>
          )}
        </dd>
      </dl>

      <div className="row gap">
        <button type="button" className="btn" onClick={runTest} disabled={testing || !configured}>
          {testing ? t('providers.testing') : t('providers.testConnection')}
        </button>
        {!configured && <span className="muted small">{t('providers.addKeyFirst')}</span>}
      </div>
      <TestResult id={id} />

      <h3>{t('providers.models')}</h3>
      {models.length > 0 ? (
        <>
          <ul className="chips" aria-label={t('providers.modelsOf', { name })}>
            {models.map((m) => (
              <li key={m} className="chip">
                {m}
              </li>
            ))}
          </ul>
          <p className="muted small">
            {tested ? t('providers.modelsListed') : t('providers.modelsFromCatalog')}
          </p>
        </>
      ) : (
        <p className="muted small">{t('providers.noModels')}</p>
      )}
    </section>
  );
}
