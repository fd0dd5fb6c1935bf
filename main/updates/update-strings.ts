import type { UpdateState } from '../../preload/api.ts';

// Every user-facing update string the main process shows, in one place for translation.

export const updateStrings = {
  /** The tray item that installs a downloaded update; the only way (with the dashboard's button) to restart for it. */
  restartToUpdate: (version: string | undefined): string =>
    version ? `Restart to Update (${version})` : 'Restart to Update',
};

/** The tray shows an update only once it is ready to install. */
export function trayUpdateLabel(update: UpdateState | undefined): string | undefined {
  return update?.state === 'downloaded' ? updateStrings.restartToUpdate(update.version) : undefined;
}
