import { ENV_BINDINGS } from '../config/env.ts';
import { configSchema, type Config, type Price } from '../config/schema.ts';
// Plain data: the shipped prices, so the dashboard can show them under the user's.
import shippedPriceData from '../catalog/prices.json' with { type: 'json' };
import { PROVIDER_IDS, type ProviderId } from '../core/provider-id.ts';

// The daemon settings the desktop app edits, derived from the daemon's own schema
// (daemon/config/schema.ts) and environment names (daemon/config/env.ts): the app's defaults,
// its settings file and the environment it starts the daemon with all come from here, so app
// mode and headless mode cannot drift apart. main/ reaches the daemon only through daemon/parent/,
// and this file pulls in nothing but zod and plain data, so Electron main can bundle it.

export { PROVIDER_IDS, type ProviderId };

/** The app's share of the daemon's settings, in the shape its settings file and dashboard use. */
export interface AppDaemonSettings {
  baseUrls: Record<ProviderId, string>;
  defaultModel: string;
  host: string;
  port: number;
  limits: Record<'global' | 'session' | ProviderId, number>;
  callTimeoutS: number;
  /** Folders tools may read files from; [] = the user's home folder. */
  allowedRoots: string[];
  /** Per provider, the only models routed to and listed; [] = all. */
  allowedModels: Record<ProviderId, string[]>;
  /** The language models answer in; '' = the app follows its own language (see main/settings/daemon-env.ts). */
  locale: string;
  /** The user's prices over the shipped list; applied live (configure). */
  prices: Record<string, Price>;
  /** TOOL_PROFILE, ENABLED_TOOLS, DISABLED_TOOLS; applied live (configure). */
  toolProfile: Config['toolProfile'];
  enabledTools: string[];
  disabledTools: string[];
}

/** Each app setting (dotted path in AppDaemonSettings) and the daemon setting it is. */
export const APP_SETTING_PATHS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(PROVIDER_IDS.map((id) => [`baseUrls.${id}`, `${id}.baseUrl`])),
  defaultModel: 'defaultModel',
  host: 'host',
  port: 'port',
  'limits.global': 'limits.global',
  ...Object.fromEntries(PROVIDER_IDS.map((id) => [`limits.${id}`, `limits.${id}`])),
  'limits.session': 'limits.session',
  callTimeoutS: 'callTimeoutS',
  allowedRoots: 'allowedRoots',
  ...Object.fromEntries(PROVIDER_IDS.map((id) => [`allowedModels.${id}`, `${id}.allowedModels`])),
  locale: 'locale',
  prices: 'prices',
  toolProfile: 'toolProfile',
  enabledTools: 'enabledTools',
  disabledTools: 'disabledTools',
};

/** The prices the app ships (daemon/catalog/prices.json), per million tokens. */
export const SHIPPED_PRICES: Readonly<Record<string, Price>> = Object.fromEntries(
  Object.entries(shippedPriceData.prices).map(([model, p]) => [model, { ...p }]),
);

/** What the daemon runs with when nothing is set (dataDir aside, which depends on the machine). */
export const daemonDefaults: Omit<Config, 'dataDir'> = (() => {
  const { dataDir: _dataDir, ...rest } = configSchema.parse({ dataDir: '.' });
  return rest;
})();

export function readPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/** The app's share of a daemon config, e.g. of daemonDefaults: what a fresh install starts with. */
function appDaemonSettingsOf(config: Omit<Config, 'dataDir'>): AppDaemonSettings {
  const out: Record<string, unknown> = {};
  for (const [appPath, daemonPath] of Object.entries(APP_SETTING_PATHS))
    writePath(out, appPath, readPath(config, daemonPath));
  return out as unknown as AppDaemonSettings;
}

export const appDaemonDefaults: AppDaemonSettings = appDaemonSettingsOf(daemonDefaults);

/** The environment variable the daemon reads a setting from (its first, original name). */
export function envNameOf(daemonPath: string): string {
  const binding = ENV_BINDINGS.find((b) => b.path === daemonPath);
  if (!binding)
    throw new Error(`the daemon reads no environment variable for setting "${daemonPath}"`);
  return binding.names[0]!;
}
