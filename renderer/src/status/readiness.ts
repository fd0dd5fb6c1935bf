import type { ProviderStatus, SettingsView, StatusSnapshot } from '../../../preload/api.ts';

// Whether a running daemon can actually answer a tool call. "Running" alone misleads a new user
// whose calls would all fail: no key set, every configured provider's circuit open, or every
// key rejected by its provider.

export type Readiness = 'ready' | 'no-provider' | 'providers-down';

/** `keyRejected` arrives with the security work; until then (or from an older daemon) it is absent. */
type WithKeyRejected = ProviderStatus & { keyRejected?: boolean };

export function readiness(
  status: StatusSnapshot | null,
  settings: SettingsView | null,
): Readiness | undefined {
  if (!status) return undefined;
  const providers = status.providers as WithKeyRejected[];
  // A key may come from the settings store or from the daemon's environment.
  const configured = providers.filter((p) => p.configured || settings?.keys[p.id]?.configured);
  if (configured.length === 0) return 'no-provider';
  const down = (p: WithKeyRejected) => p.breaker === 'open' || p.keyRejected === true;
  return configured.every(down) ? 'providers-down' : 'ready';
}
