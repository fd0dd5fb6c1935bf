import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId, SettingsView } from '../../../preload/api.ts';
import { TestResult, useConnectionTest } from '../components/ConnectionTest.tsx';
import { EncryptionStatus } from '../components/EncryptionStatus.tsx';
import { KeyField, keyBlockedReason } from '../components/KeyField.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ClientSetupCard } from '../connect/ClientSetupCard.tsx';
import { useClients } from '../connect/use-clients.ts';
import { hrefFor } from '../hooks/useHashRoute.ts';
import { useLiveStore, useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

const PROVIDERS: Array<{ id: ProviderId; name: string }> = [
  { id: 'kimi', name: 'Kimi' },
  { id: 'glm', name: 'GLM' },
];

// The short setup a new user lands on: a key, a test, the clients to connect. Finishing or
// skipping it sets firstRunDone; Settings → "Run setup again" comes back here.
export function FirstRun() {
  const { t } = useTranslation();
  const settings = useSettings();
  if (!settings) return <PageHeader title={t('firstRun.title')} subtitle={t('common.loading')} />;
  return <FirstRunSteps settings={settings} />;
}

function FirstRunSteps({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState('');
  const hasKey = settings.keys.kimi.configured || settings.keys.glm.configured;

  const finish = async () => {
    setLeaving(true);
    setError('');
    try {
      store.patch({ settings: await invoke('settings:update', { firstRunDone: true }) });
      window.location.hash = hrefFor('overview');
    } catch (e) {
      setError(readableError(e));
      setLeaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('firstRun.title')}
        subtitle={t('firstRun.subtitle')}
        actions={
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void finish()}
            disabled={leaving}
          >
            {t('firstRun.skip')}
          </button>
        }
      />
      <div className="setup-steps">
        <section className="card" aria-labelledby="step-keys">
          <div className="setup-step-head">
            <span className="step-number" aria-hidden="true">
              1
            </span>
            <h2 id="step-keys">{t('firstRun.keysTitle')}</h2>
          </div>
          <p className="muted small">{t('firstRun.keysHint')}</p>
          <EncryptionStatus settings={settings} />
          {PROVIDERS.map((p) => (
            <ProviderKey key={p.id} {...p} settings={settings} />
          ))}
        </section>

        <ClientsStep />

        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <div className="setup-footer">
          {!hasKey && <span className="muted small">{t('firstRun.noKeyYet')}</span>}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void finish()}
            disabled={leaving}
          >
            {t('firstRun.done')}
          </button>
        </div>
      </div>
    </>
  );
}

function ProviderKey({
  id,
  name,
  settings,
}: {
  id: ProviderId;
  name: string;
  settings: SettingsView;
}) {
  const { t } = useTranslation();
  const { testing, run } = useConnectionTest(id);
  const configured = settings.keys[id].configured;
  return (
    <div className="setup-provider" data-provider={id}>
      <KeyField id={id} label={name} settings={settings} blocked={keyBlockedReason(settings, t)} />
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => void run()}
          disabled={testing || !configured}
        >
          {testing ? t('providers.testing') : t('firstRun.testWhat', { name })}
        </button>
      </div>
      <TestResult id={id} />
    </div>
  );
}

function ClientsStep() {
  const { t } = useTranslation();
  const setup = useClients();
  // Only the clients found on this machine: the Connect page lists the rest.
  const found = (setup.clients ?? []).filter((c) => c.state !== 'not-installed');
  return (
    <section className="card" aria-labelledby="step-clients">
      <div className="setup-step-head">
        <span className="step-number" aria-hidden="true">
          2
        </span>
        <h2 id="step-clients">{t('firstRun.clientsTitle')}</h2>
      </div>
      <p className="muted small">{t('firstRun.clientsHint')}</p>
      {setup.loadError && (
        <p className="field-error" role="alert">
          {setup.loadError}
        </p>
      )}
      {setup.clients && found.length === 0 && (
        <p className="muted" data-testid="no-clients-found">
          {t('firstRun.noClients')}
        </p>
      )}
      <div className="grid-2">
        {found.map((c) => (
          <ClientSetupCard
            key={c.id}
            client={c}
            busy={setup.busy[c.id]}
            error={setup.errors[c.id]}
            onAction={(action) => void setup.run(c.id, action)}
            compact
          />
        ))}
      </div>
    </section>
  );
}
