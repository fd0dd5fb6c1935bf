import type { UpdateState } from '../../../preload/api.ts';
import type { Translate } from '../format.ts';

// What the update card says in each state (catalog section `update`), and which button goes with it.

export interface UpdateView {
  headline: string;
  detail: string;
  /** install = "Restart to update" (the user's consent); check = "Check now". */
  action?: 'install' | 'check';
}

export function describeUpdate(
  u: UpdateState,
  formatTime: (ms: number) => string,
  t: Translate,
): UpdateView {
  // Two sentences: a space between them in English, none after a Chinese full stop.
  const join = (first: string, second: string) => t('update.join', { first, second });
  const current = t('update.current', { version: u.currentVersion });
  switch (u.state) {
    case 'no-update':
      return {
        headline: t('update.upToDate'),
        detail: u.checkedAt
          ? join(current, t('update.checked', { time: formatTime(u.checkedAt) }))
          : current,
        action: 'check',
      };
    case 'checking':
      return { headline: t('update.checking'), detail: current };
    case 'available':
    case 'downloading':
      return {
        headline: u.version
          ? t('update.downloadingVersion', { version: u.version })
          : t('update.downloading'),
        detail: `${u.percent !== undefined ? t('update.percent', { percent: u.percent }) : ''}${t('update.background')}`,
      };
    case 'downloaded':
      return {
        headline: u.version ? t('update.readyVersion', { version: u.version }) : t('update.ready'),
        detail: join(current, t('update.readyDetail')),
        action: 'install',
      };
    case 'error':
      return {
        headline: t('update.errorTitle'),
        detail: join(`${u.error ?? t('update.unknownError')}.`, current),
        action: 'check',
      };
    case 'disabled':
      switch (u.disabledReason) {
        case 'unsigned-mac':
          return {
            headline: t('update.unsignedTitle'),
            detail: join(current, t('update.unsignedDetail')),
          };
        case 'not-packaged':
          return { headline: t('update.devTitle'), detail: join(current, t('update.devDetail')) };
        default:
          return {
            headline: t('update.offTitle'),
            detail: join(current, t('update.offDetail')),
            action: 'check',
          };
      }
  }
}
