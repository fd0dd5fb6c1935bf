import type { UpdateState } from '../../../preload/api.ts';

// Every user-facing update string the dashboard shows, in one place for translation, and which
// button goes with each state.

export interface UpdateView {
  headline: string;
  detail: string;
  /** install = "Restart to update" (the user's consent); check = "Check now". */
  action?: 'install' | 'check';
}

export const updateText = {
  title: 'Updates',
  installButton: 'Restart to update',
  checkButton: 'Check now',
  checkingButton: 'Checking…',
  settingLabel: 'Check for updates automatically (at start and every few hours)',
  settingHint:
    'Updates download in the background and install only when you choose “Restart to update”.',
};

export function describeUpdate(
  u: UpdateState,
  formatTime: (ms: number) => string = (ms) => new Date(ms).toLocaleString(),
): UpdateView {
  const current = `You have version ${u.currentVersion}.`;
  const checked = u.checkedAt ? ` Last checked ${formatTime(u.checkedAt)}.` : '';
  switch (u.state) {
    case 'no-update':
      return {
        headline: 'EXAI Desktop is up to date',
        detail: `${current}${checked}`,
        action: 'check',
      };
    case 'checking':
      return { headline: 'Checking for updates…', detail: current };
    case 'available':
    case 'downloading':
      return {
        headline: `Downloading version ${u.version ?? ''}`.trim(),
        detail: `${u.percent !== undefined ? `${u.percent}% · ` : ''}in the background; the daemon keeps running.`,
      };
    case 'downloaded':
      return {
        headline: `Version ${u.version ?? ''} is ready to install`.replace('  ', ' '),
        detail: `${current} Restarting stops the daemon, installs the update and starts again; MCP clients reconnect.`,
        action: 'install',
      };
    case 'error':
      return {
        headline: 'Could not check for updates',
        detail: `${u.error ?? 'Unknown error'}. ${current}`,
        action: 'check',
      };
    case 'disabled':
      switch (u.disabledReason) {
        case 'unsigned-mac':
          return {
            headline: 'This build cannot update itself',
            detail: `${current} It is not signed with an Apple Developer ID, and macOS installs only signed updates. Download new versions from the GitHub releases page.`,
          };
        case 'not-packaged':
          return {
            headline: 'Updates are off in a development run',
            detail: `${current} Only the installed app checks for updates.`,
          };
        default:
          return {
            headline: 'Automatic update checks are off',
            detail: `${current} Turn them on in Settings.`,
            action: 'check',
          };
      }
  }
}
