import type { DaemonState, ProviderId, StatusSnapshot } from '../../preload/api.ts';

// What deserves a desktop notification: things a user would otherwise miss with the window
// closed. Decided from two consecutive readings of state, so it fires once per change.

export type DesktopNotification =
  | { kind: 'crash-loop'; reason: string }
  | { kind: 'circuit-open'; provider: ProviderId; lastError?: string }
  | { kind: 'circuit-closed'; provider: ProviderId };

export interface NotifyReading {
  daemon: Pick<DaemonState, 'state' | 'reason' | 'reasonCode'>;
  providers: StatusSnapshot['providers'] | undefined;
}

export interface NotifySettings {
  /** Circuit breaker notifications are off by default: a flaky network would make them noise. */
  circuitNotifications: boolean;
}

export function notificationsFor(
  prev: NotifyReading | undefined,
  next: NotifyReading,
  settings: NotifySettings,
): DesktopNotification[] {
  const out: DesktopNotification[] = [];
  // A crash loop: the supervisor gave up after crashes (not a refusal at start, which the window shows).
  if (
    next.daemon.state === 'failed' &&
    prev?.daemon.state !== 'failed' &&
    (prev?.daemon.state === 'crashed' || prev?.daemon.state === 'backing-off')
  ) {
    out.push({ kind: 'crash-loop', reason: next.daemon.reason ?? '' });
  }
  if (settings.circuitNotifications && prev?.providers && next.providers) {
    for (const provider of next.providers) {
      const before = prev.providers.find((p) => p.id === provider.id)?.breaker;
      if (before === undefined || before === provider.breaker) continue;
      if (provider.breaker === 'open' && before === 'closed') {
        out.push({
          kind: 'circuit-open',
          provider: provider.id,
          ...(provider.lastError !== undefined && { lastError: provider.lastError }),
        });
      } else if (provider.breaker === 'closed') {
        out.push({ kind: 'circuit-closed', provider: provider.id });
      }
    }
  }
  return out;
}
