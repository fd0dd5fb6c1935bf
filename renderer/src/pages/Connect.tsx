import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectInfo } from '../../../preload/api.ts';
import { CodeBlock } from '../components/CodeBlock.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ClientSetupCard } from '../connect/ClientSetupCard.tsx';
import { clientConfigs } from '../connect/client-configs.ts';
import { useClients } from '../connect/use-clients.ts';
import { useDaemonState, useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

const MASK = '•'.repeat(12);

export function Connect() {
  const { t } = useTranslation();
  const daemon = useDaemonState();
  const settings = useSettings();
  const setup = useClients();
  const [info, setInfo] = useState<ConnectInfo | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [showToken, setShowToken] = useState(false);
  const [error, setError] = useState('');

  // Re-read when the daemon (re)starts (the port may change) and on every settings push, which
  // follows each token rotation, from this app or from a legacy client.
  const since = daemon?.since;
  useEffect(() => {
    let live = true;
    Promise.all([invoke('connect:info'), invoke('token:reveal')])
      .then(([i, t]) => {
        if (!live) return;
        setInfo(i);
        setToken(t);
        setError('');
      })
      .catch((e: unknown) => live && setError(readableError(e)));
    return () => {
      live = false;
    };
  }, [since, settings]);

  const outdated = (setup.clients ?? []).filter((c) => c.state === 'outdated');
  const pathOf = (id: string) => setup.clients?.find((c) => c.id === id)?.path;

  return (
    <>
      <PageHeader
        title={t('connect.title')}
        subtitle={t('connect.subtitle')}
        actions={
          <label className="check">
            <input
              type="checkbox"
              checked={showToken}
              onChange={(e) => setShowToken(e.target.checked)}
            />
            {t('connect.showToken')}
          </label>
        }
      />
      {(error || setup.loadError) && (
        <div className="banner banner-error" role="alert">
          {t('connect.loadFailed', { error: error || setup.loadError })}
        </div>
      )}
      {daemon && daemon.state !== 'running' && (
        <div className="banner banner-info" role="status">
          {t('connect.notRunning', { state: t(`state.${daemon.state}`) })}
        </div>
      )}
      {info?.nodeMissing && (
        <div className="banner banner-warn" role="status" data-testid="node-missing">
          {t('connect.nodeMissing')}
        </div>
      )}
      {outdated.length > 0 && (
        <div className="banner banner-warn" role="status" data-testid="outdated-entries">
          {t('connect.setup.outdatedBanner', {
            count: outdated.length,
            names: outdated.map((c) => c.name).join(', '),
          })}
        </div>
      )}

      <h2 className="section-title">{t('connect.setup.title')}</h2>
      <p className="muted small">{t('connect.setup.subtitle')}</p>
      {setup.clients && (
        <div className="grid-2">
          {setup.clients.map((c) => (
            <ClientSetupCard
              key={c.id}
              client={c}
              busy={setup.busy[c.id]}
              error={setup.errors[c.id]}
              onAction={(action) => void setup.run(c.id, action)}
            />
          ))}
        </div>
      )}

      {info && token !== null && (
        <>
          <h2 className="section-title">{t('connect.manual.title')}</h2>
          <p className="muted small">{t('connect.manual.subtitle')}</p>
          <div className="grid-2">
            {clientConfigs(info, token).map((c) => {
              const shown = showToken
                ? undefined
                : clientConfigs(info, MASK).find((m) => m.id === c.id)?.text;
              const path = pathOf(c.id);
              return (
                <section
                  key={c.id}
                  className="card"
                  aria-labelledby={`client-${c.id}`}
                  data-client={c.id}
                >
                  <h2 id={`client-${c.id}`}>{c.name}</h2>
                  <p className="muted small">{t(`connect.where.${c.id}`)}</p>
                  {path && c.id !== 'claude-code' && (
                    <p className="client-path">
                      <span className="muted small">{t('connect.setup.configFile')}</span>{' '}
                      <code>{path}</code>
                    </p>
                  )}
                  <CodeBlock
                    text={c.text}
                    shown={shown}
                    label={t('connect.configuration', { name: c.name })}
                  />
                </section>
              );
            })}
          </div>
          <section className="card" aria-labelledby="raw-title">
            <h2 id="raw-title">{t('connect.otherClients')}</h2>
            <dl className="facts">
              <dt>WebSocket</dt>
              <dd>
                <code>{info.wsUrl}</code>{' '}
                <CopyButton text={info.wsUrl} label={t('connect.copyWsUrl')} compact />
              </dd>
              <dt>HTTP</dt>
              <dd>
                <code>{info.httpUrl}</code>{' '}
                <CopyButton text={info.httpUrl} label={t('connect.copyHttpUrl')} compact />
              </dd>
              <dt>{t('connect.header')}</dt>
              <dd>
                <code>Authorization: Bearer {showToken ? token : MASK}</code>
              </dd>
            </dl>
          </section>
        </>
      )}
    </>
  );
}
