import type { ProviderStatus, SettingsView, StatusSnapshot } from '../../../preload/api.ts';

// Whether a running daemon can actually answer a tool call. "Running" alone misleads a new user
// whose calls would all fail: no key set, every configured provider's circuit open, or every
// key rejected by its provider.

export type Readiness = 'ready' | 'no-provider' | 'providers-down';

export function readiness(
  status: StatusSnapshot | null,
  settings: SettingsView | null,
): Readiness | undefined {
  if (!status) return undefined;
  const providers = status.providers;
  // A key may come from the settings store or from the daemon's environment.
  const configured = providers.filter((p) => p.configured || settings?.keys[p.id]?.configured);
  if (configured.length === 0) return 'no-provider';
  // keyRejected is absent from an older daemon: not a rejection.
  const down = (p: ProviderStatus) => p.breaker === 'open' || p.keyRejected === true;
  return configured.every(down) ? 'providers-down' : 'ready';
}
