import { describe, expect, it } from 'vitest';
import type { ProviderStatus, SettingsView, StatusSnapshot } from '../../preload/api.ts';
import { readiness } from '../../renderer/src/status/readiness.ts';

function provider(
  id: 'kimi' | 'glm',
  over: Partial<ProviderStatus> & { keyRejected?: boolean } = {},
): ProviderStatus {
  return {
    id,
    configured: false,
    baseUrl: '',
    breaker: 'closed',
    consecutiveFailures: 0,
    inflight: 0,
    limit: 1,
    models: [],
    ...over,
  };
}
function status(providers: ProviderStatus[]): StatusSnapshot {
  return {
    time: 0,
    version: '1',
    pid: 1,
    startedAt: 0,
    uptimeS: 0,
    endpoint: '',
    httpEndpoint: '',
    rssBytes: 0,
    sessions: [],
    inflight: 0,
    limits: { global: 1, kimi: 1, glm: 1, session: 1 },
    counters: { calls: 0, errors: 0, cacheHits: 0, coalesced: 0, timeouts: 0 },
    latencyMs: { p50: 0, p95: 0, p99: 0 },
    providers,
    recentErrors: [],
  };
}
const noKeys = {
  keys: { kimi: { configured: false }, glm: { configured: false } },
} as SettingsView;

describe('readiness: is a running daemon able to answer?', () => {
  it('no status yet: unknown, so nothing amber is claimed', () => {
    expect(readiness(null, noKeys)).toBeUndefined();
  });

  it('no provider configured', () => {
    expect(readiness(status([provider('kimi'), provider('glm')]), noKeys)).toBe('no-provider');
  });

  it('a key from the environment counts as configured', () => {
    expect(
      readiness(status([provider('kimi', { configured: true }), provider('glm')]), noKeys),
    ).toBe('ready');
  });

  it('a key saved in Settings counts before the daemon reports it', () => {
    const settings = {
      keys: { kimi: { configured: true, last4: 'abcd' }, glm: { configured: false } },
    } as SettingsView;
    expect(readiness(status([provider('kimi'), provider('glm')]), settings)).toBe('ready');
  });

  it('every configured provider with an open circuit or a rejected key: down', () => {
    const s = status([
      provider('kimi', { configured: true, breaker: 'open' }),
      provider('glm', { configured: true, keyRejected: true }),
    ]);
    expect(readiness(s, noKeys)).toBe('providers-down');
  });

  it('one configured provider still working is enough; an unconfigured one does not count', () => {
    expect(
      readiness(
        status([
          provider('kimi', { configured: true, breaker: 'open' }),
          provider('glm', { configured: true, breaker: 'half-open' }),
        ]),
        noKeys,
      ),
    ).toBe('ready');
    expect(
      readiness(
        status([provider('kimi', { configured: true, breaker: 'open' }), provider('glm')]),
        noKeys,
      ),
    ).toBe('providers-down');
  });

  it('keyRejected absent (an older daemon) is not a rejection', () => {
    expect(readiness(status([provider('kimi', { configured: true })]), noKeys)).toBe('ready');
  });
});
