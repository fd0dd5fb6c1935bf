import type { EditableSettings } from '../../preload/api.ts';
import {
  appDaemonDefaults,
  PROVIDER_IDS,
  type ProviderId,
} from '../../daemon/parent/settings-contract.ts';

// What settings.json holds, its JSON schema (electron-store validates the file against it on
// every read) and its migrations. Secrets are base64 safeStorage ciphertext, never plain text.

export interface StoredSettings extends EditableSettings {
  secrets: Partial<Record<ProviderId | 'token', string>>;
}

// The daemon's settings start from the daemon's own defaults; only the app's own are written here.
export const settingsDefaults: StoredSettings = {
  ...structuredClone(appDaemonDefaults),
  startAtLogin: false,
  plainTextConsent: false,
  language: 'system',
  updateChecks: true,
  firstRunDone: false,
  circuitNotifications: false,
  secrets: {},
};

const limit = { type: 'integer', minimum: 1, maximum: 1000 } as const;
const url = { type: 'string', pattern: '^https?://' } as const;
const limitNames = Object.keys(appDaemonDefaults.limits);
const perProvider = <T>(value: T): Record<ProviderId, T> =>
  Object.fromEntries(PROVIDER_IDS.map((id) => [id, value])) as Record<ProviderId, T>;

/** Per-key JSON schema in electron-store's `schema` option format. */
export const settingsJsonSchema = {
  baseUrls: {
    type: 'object',
    properties: perProvider(url),
    required: [...PROVIDER_IDS],
    additionalProperties: false,
  },
  defaultModel: { type: 'string', minLength: 1 },
  host: { type: 'string', minLength: 1 },
  port: { type: 'integer', minimum: 1, maximum: 65_535 },
  limits: {
    type: 'object',
    properties: Object.fromEntries(limitNames.map((name) => [name, limit])),
    required: limitNames,
    additionalProperties: false,
  },
  callTimeoutS: { type: 'number', minimum: 1, maximum: 3600 },
  allowedRoots: { type: 'array', items: { type: 'string', minLength: 1 } },
  allowedModels: {
    type: 'object',
    properties: perProvider({ type: 'array', items: { type: 'string', minLength: 1 } }),
    required: [...PROVIDER_IDS],
    additionalProperties: false,
  },
  locale: { type: 'string', maxLength: 35 },
  startAtLogin: { type: 'boolean' },
  plainTextConsent: { type: 'boolean' },
  language: { enum: ['system', 'en', 'zh-CN'] },
  updateChecks: { type: 'boolean' },
  prices: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        input: { type: 'number', minimum: 0 },
        output: { type: 'number', minimum: 0 },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
      required: ['input', 'output', 'currency'],
      additionalProperties: false,
    },
  },
  toolProfile: { enum: ['core', 'standard', 'full'] },
  enabledTools: { type: 'array', items: { type: 'string' } },
  disabledTools: { type: 'array', items: { type: 'string' } },
  firstRunDone: { type: 'boolean' },
  circuitNotifications: { type: 'boolean' },
  secrets: {
    type: 'object',
    properties: { ...perProvider({ type: 'string' }), token: { type: 'string' } },
    additionalProperties: false,
  },
} as const;

/** The slice of electron-store/conf's store a migration touches. */
export interface MigratableStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Keyed by the app version that introduced the change; run once, in order, by electron-store. */
const settingsMigrations: Record<string, (store: MigratableStore) => void> = {
  // Defaults are applied only at the top level, so a hand-edited file that lost one nested field
  // (say limits.kimi) would fail the schema and be reset. Fill the gaps instead.
  '0.1.0': (store) => {
    for (const key of ['baseUrls', 'limits'] as const) {
      const current = store.get(key);
      const base = settingsDefaults[key];
      store.set(key, { ...base, ...(isObject(current) ? current : {}) });
    }
  },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The options electron-store (in the app) and conf (in tests and the harness) are opened with. */
export const settingsStoreOptions = {
  schema: settingsJsonSchema,
  defaults: settingsDefaults,
  migrations: settingsMigrations,
  clearInvalidConfig: false,
};

/** The settings file's name inside its folder (electron-store `name`, conf `configName`). */
export const SETTINGS_FILE_NAME = 'settings';
