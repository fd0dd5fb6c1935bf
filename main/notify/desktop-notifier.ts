import { renderMessage } from '../../locales/index.ts';
import type { DaemonState, ProviderId, StatusSnapshot } from '../../preload/api.ts';
import type { Translate } from '../i18n.ts';
import {
  notificationsFor,
  type DesktopNotification,
  type NotifyReading,
} from './notification-policy.ts';

// Feeds the supervisor's readings to notificationsFor and shows what it decides, in the app's
// language. The OS notification itself (Electron's Notification) is the `show` passed in.

const PROVIDER_NAMES: Record<ProviderId, string> = { kimi: 'Kimi', glm: 'GLM' };

export function notificationText(
  n: DesktopNotification,
  t: Translate,
): { title: string; body: string } {
  switch (n.kind) {
    case 'crash-loop':
      return {
        title: t('notify.crashLoopTitle'),
        body: t('notify.crashLoopBody', { reason: n.reason.trim() }).trim(),
      };
    case 'circuit-open': {
      const provider = PROVIDER_NAMES[n.provider];
      return {
        title: t('notify.circuitOpenTitle', { provider }),
        body: t('notify.circuitOpenBody', { provider, error: n.lastError ?? '' }).trim(),
      };
    }
    case 'circuit-closed': {
      const provider = PROVIDER_NAMES[n.provider];
      return {
        title: t('notify.circuitClosedTitle', { provider }),
        body: t('notify.circuitClosedBody', { provider }),
      };
    }
  }
}

export interface DesktopNotifierOptions {
  show(title: string, body: string): void;
  t: Translate;
  circuitNotifications(): boolean;
}

export class DesktopNotifier {
  private readonly o: DesktopNotifierOptions;
  private prev: NotifyReading | undefined;

  constructor(options: DesktopNotifierOptions) {
    this.o = options;
  }

  daemonState(state: DaemonState): void {
    // The reason in the app's language (the English one is for logs).
    const reason = state.reasonMessage
      ? renderMessage(this.o.t, state.reasonMessage)
      : state.reason;
    this.read({
      daemon: {
        state: state.state,
        ...(reason !== undefined && { reason }),
        ...(state.reasonCode !== undefined && { reasonCode: state.reasonCode }),
      },
      // A stopped daemon has no providers to compare: the next status starts afresh.
      providers: state.state === 'running' ? this.prev?.providers : undefined,
    });
  }

  status(snapshot: StatusSnapshot): void {
    if (!this.prev) return;
    this.read({ daemon: this.prev.daemon, providers: snapshot.providers });
  }

  private read(next: NotifyReading): void {
    const found = notificationsFor(this.prev, next, {
      circuitNotifications: this.o.circuitNotifications(),
    });
    this.prev = next;
    for (const n of found) {
      const { title, body } = notificationText(n, this.o.t);
      this.o.show(title, body);
    }
  }
}
