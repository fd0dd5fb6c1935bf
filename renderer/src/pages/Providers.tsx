import { useState } from 'react';
import type { ProviderId, ProviderStatus } from '../../../preload/api.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatAgo } from '../format.ts';
import { useLive, useLiveStore, useSettings, useStatus } from '../hooks/useLive.ts';
import { useNow } from '../hooks/useNow.ts';
import { invoke, readableError } from '../ipc.ts';

const PROVIDERS: Array<{ id: ProviderId; name: string; vendor: string }> = [
  { id: 'kimi', name: 'Kimi', vendor: 'Moonshot AI' },
  { id: 'glm', name: 'GLM', vendor: 'Z.ai' },
];

const BREAKER_TEXT: Record<ProviderStatus['breaker'], string> = {
  closed: 'Closed — requests flow normally',
  open: 'Open — resting after repeated failures',
  'half-open': 'Half-open — trying one request',
};

export function Providers() {
  return (
    <>
      <PageHeader title="Providers" subtitle="The model APIs tool calls are routed to." />
      <div className="grid-2">
        {PROVIDERS.map((p) => (
          <ProviderCard key={p.id} {...p} />
        ))}
      </div>
    </>
  );
}

function ProviderCard({ id, name, vendor }: { id: ProviderId; name: string; vendor: string }) {
  const store = useLiveStore();
  const settings = useSettings();
  const status = useStatus()?.providers.find((p) => p.id === id);
  const test = useLive((s) => s.tests[id]);
  const now = useNow();
  const [testing, setTesting] = useState(false);
  const key = settings?.keys[id];
  // A key may come from the settings store or from the daemon's environment.
  const configured = Boolean(key?.configured || status?.configured);
  const titleId = `provider-${id}-title`;
  // The daemon's list (catalog + last live list) until a Test connection lists this key's own.
  const tested = test?.models && test.models.length > 0 ? test.models : undefined;
  const models = tested ?? status?.models ?? [];

  const runTest = async () => {
    setTesting(true);
    const started = Date.now();
    try {
      const result = await invoke('providers:test', id);
      store.patch({ tests: { ...store.get().tests, [id]: { ...result, at: Date.now() } } });
    } catch (e) {
      const failed = { ok: false, latencyMs: Date.now() - started, message: readableError(e), at: Date.now() };
      store.patch({ tests: { ...store.get().tests, [id]: failed } });
    } finally {
      setTesting(false);
    }
  };

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
          {status?.keyRejected ? 'Key rejected' : configured ? 'Configured' : 'Not configured'}
        </span>
      </div>

      <dl className="facts">
        <dt>Base URL</dt>
        <dd>
          <code>{status?.baseUrl ?? settings?.baseUrls[id] ?? '—'}</code>
        </dd>
        <dt>API key</dt>
        <dd>
          {key?.configured ? (
            <code>•••• {key.last4 ?? ''}</code>
          ) : status?.configured ? (
            'From the environment'
          ) : (
            <a href="#/settings">Add a key in Settings</a>
          )}
        </dd>
        {status?.keyRejected && (
          <dd className="error-text" data-testid={`${id}-key-rejected`}>
            {name} refused this key (401/403). Check it in <a href="#/settings">Settings</a>; calls with model auto use the other provider meanwhile.
          </dd>
        )}
        <dt>Circuit breaker</dt>
        <dd data-testid={`${id}-breaker`}>
          {status ? (
            <span className={`breaker breaker-${status.breaker}`}>{BREAKER_TEXT[status.breaker]}</span>
          ) : (
            <span className="muted">Daemon not running</span>
          )}
        </dd>
        {status && (
          <>
            <dt>In flight</dt>
            <dd>
              {status.inflight} of {status.limit}
            </dd>
          </>
        )}
        <dt>Last error</dt>
        <dd>
          {status?.lastError ? (
            <span className="error-text">
              {status.lastError}
              {status.lastErrorAt && <span className="muted"> · {formatAgo(status.lastErrorAt, now)}</span>}
            </span>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
      </dl>

      <div className="row gap">
        <button type="button" className="btn" onClick={runTest} disabled={testing || !configured}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {!configured && <span className="muted small">Add an API key first.</span>}
      </div>
      <div aria-live="polite" data-testid={`${id}-test-result`}>
        {test && (
          <div className={`test-result ${test.ok ? 'is-ok' : 'is-fail'}`}>
            <strong>{test.ok ? 'Connected' : 'Failed'}</strong>
            <span className="muted"> · {Math.round(test.latencyMs)} ms</span>
            <div>{test.message}</div>
          </div>
        )}
      </div>

      <h3>Models</h3>
      {models.length > 0 ? (
        <>
          <ul className="chips" aria-label={`${name} models`}>
            {models.map((m) => (
              <li key={m} className="chip">
                {m}
              </li>
            ))}
          </ul>
          <p className="muted small">
            {tested ? 'Listed by the provider for this key.' : 'From the model catalog. “Test connection” lists the models this key can use.'}
          </p>
        </>
      ) : (
        <p className="muted small">Start the daemon to see the models, or run “Test connection”.</p>
      )}
    </section>
  );
}
