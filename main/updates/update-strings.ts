import type { UpdateState } from '../../preload/api.ts';
import type { Translate } from '../i18n.ts';

// The update texts the main process shows come from the shared catalogs (tray.restartToUpdate*).

/** The tray shows an update only once it is ready to install. */
export function trayUpdateLabel(update: UpdateState | undefined, t: Translate): string | undefined {
  if (update?.state !== 'downloaded') return undefined;
  return update.version
    ? t('tray.restartToUpdateVersion', { version: update.version })
    : t('tray.restartToUpdate');
}
