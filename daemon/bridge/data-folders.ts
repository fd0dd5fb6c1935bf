import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../config/paths.ts';

// The desktop app runs its daemon on <Electron userData>/daemon, the headless `exai daemon` on
// the OS data folder. Without --data-dir the bridge looks for a running daemon in both.
const APP_NAME = 'EXAI Desktop';

/** Electron's userData folder for the app, computed without Electron (app.getPath('userData')). */
export function appDaemonDataDir(platform = process.platform, env = process.env): string {
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, APP_NAME, 'daemon');
}

/**
 * Where to look for a running daemon, in order; the last one is where an autostarted daemon
 * lives. An explicit folder (--data-dir or EXAI_HOME) is the only candidate.
 */
export function candidateDataDirs(explicit: string | undefined): {
  search: string[];
  autostart: string;
} {
  if (explicit) return { search: [explicit], autostart: explicit };
  const headless = defaultDataDir();
  return { search: [appDaemonDataDir(), headless], autostart: headless };
}
