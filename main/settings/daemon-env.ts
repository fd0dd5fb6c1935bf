import {
  APP_SETTING_PATHS,
  envNameOf,
  PROVIDER_IDS,
  readPath,
  type ProviderId,
} from '../../daemon/parent/settings-contract.ts';
import type { StoredSettings } from './settings-schema.ts';

// The daemon gets a cleaned environment: what the OS and networking need, nothing that changes
// how Node or Electron behave (NODE_OPTIONS, ELECTRON_RUN_AS_NODE), and no EXAI/provider values
// inherited from the shell — the app's settings are the only source, passed in explicitly.

const PASS_THROUGH = new Set(
  [
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'USERNAME',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'TEMP',
    'TMP',
    'TMPDIR',
    'LANG',
    'LC_ALL',
    'LC_CTYPE',
    'TZ',
    'XDG_RUNTIME_DIR',
    'XDG_CONFIG_HOME',
    'XDG_DATA_HOME',
    'XDG_STATE_HOME',
    'XDG_CACHE_HOME',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
  ].map((k) => k.toUpperCase()),
);

export function cleanEnv(
  base: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    // Windows env names are case-insensitive (Path, SystemRoot); keep the original spelling.
    if (value !== undefined && PASS_THROUGH.has(key.toUpperCase())) out[key] = value;
  }
  return out;
}

export type DaemonSecrets = { token: string } & Partial<Record<ProviderId, string>>;

// host and port go on the daemon's command line (--host/--port, see the supervisor), which
// outranks the environment, so they are not repeated here.
const ON_COMMAND_LINE = new Set(['host', 'port']);

/**
 * The language the daemon asks models to answer in: the one chosen in Settings; none ('') lets
 * models answer in the question's language, as the daemon does headless. The dashboard's own
 * language does not decide it: a user may read the app in English and ask in Chinese.
 */
export function daemonLocale(s: Pick<StoredSettings, 'locale'>): string {
  return s.locale;
}

/** How the daemon's env reader takes a value back: lists comma-separated, objects (prices) as JSON. */
function envText(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Settings as the daemon's environment variables, under the names the daemon reads them from. */
export function settingsEnv(s: StoredSettings, secrets: DaemonSecrets): Record<string, string> {
  const env: Record<string, string> = { [envNameOf('token')]: secrets.token };
  for (const [appPath, daemonPath] of Object.entries(APP_SETTING_PATHS)) {
    if (ON_COMMAND_LINE.has(daemonPath)) continue;
    const value = daemonPath === 'locale' ? daemonLocale(s) : readPath(s, appPath);
    env[envNameOf(daemonPath)] = envText(value);
  }
  for (const id of PROVIDER_IDS) {
    const key = secrets[id];
    if (key) env[envNameOf(`${id}.apiKey`)] = key;
  }
  return env;
}
