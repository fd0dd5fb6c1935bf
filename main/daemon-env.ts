import type { StoredSettings } from './settings-schema.ts';

// The daemon gets a cleaned environment: what the OS and networking need, nothing that changes
// how Node or Electron behave (NODE_OPTIONS, ELECTRON_RUN_AS_NODE), and no EXAI/provider values
// inherited from the shell — the app's settings are the only source, passed in explicitly.

const PASS_THROUGH = new Set(
  [
    'PATH', 'HOME', 'USER', 'LOGNAME', 'USERNAME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH',
    'APPDATA', 'LOCALAPPDATA', 'PROGRAMDATA', 'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'COMSPEC', 'PATHEXT',
    'TEMP', 'TMP', 'TMPDIR', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ',
    'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME',
    'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE',
  ].map((k) => k.toUpperCase()),
);

export function cleanEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    // Windows env names are case-insensitive (Path, SystemRoot); keep the original spelling.
    if (value !== undefined && PASS_THROUGH.has(key.toUpperCase())) out[key] = value;
  }
  return out;
}

export interface DaemonSecrets {
  token: string;
  kimi?: string;
  glm?: string;
}

/** Settings as the daemon's environment variables (its ENV_BINDINGS names). */
export function settingsEnv(s: StoredSettings, secrets: DaemonSecrets): Record<string, string> {
  const env: Record<string, string> = {
    EXAI_WS_TOKEN: secrets.token,
    KIMI_API_URL: s.baseUrls.kimi,
    GLM_API_URL: s.baseUrls.glm,
    DEFAULT_MODEL: s.defaultModel,
    EXAI_WS_CALL_TIMEOUT: String(s.callTimeoutS),
    EXAI_WS_GLOBAL_MAX_INFLIGHT: String(s.limits.global),
    EXAI_WS_KIMI_MAX_INFLIGHT: String(s.limits.kimi),
    EXAI_WS_GLM_MAX_INFLIGHT: String(s.limits.glm),
    EXAI_WS_SESSION_MAX_INFLIGHT: String(s.limits.session),
  };
  // Read by the daemon's file reader; /proc, /dev and the app's own folders stay refused anyway.
  if (s.allowedRoots?.length) env.EXAI_ALLOWED_ROOTS = s.allowedRoots.join(',');
  if (secrets.kimi) env.KIMI_API_KEY = secrets.kimi;
  if (secrets.glm) env.GLM_API_KEY = secrets.glm;
  return env;
}
