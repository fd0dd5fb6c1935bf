import type { EditableSettings } from '../preload/api.ts';

// What settings.json holds, its JSON schema (electron-store validates the file against it on
// every read) and its migrations. Secrets are base64 safeStorage ciphertext, never plain text.

export interface StoredSettings extends EditableSettings {
  secrets: { kimi?: string; glm?: string; token?: string };
}

export const settingsDefaults: StoredSettings = {
  baseUrls: { kimi: 'https://api.moonshot.ai/v1', glm: 'https://api.z.ai/api/paas/v4' },
  defaultModel: 'auto',
  host: '127.0.0.1',
  port: 8765,
  limits: { global: 24, kimi: 6, glm: 4, session: 8 },
  callTimeoutS: 90,
  allowedRoots: [],
  startAtLogin: false,
  plainTextConsent: false,
  updateChecks: true,
  secrets: {},
};

const limit = { type: 'integer', minimum: 1, maximum: 1000 } as const;
const url = { type: 'string', pattern: '^https?://' } as const;

/** Per-key JSON schema in electron-store's `schema` option format. */
export const settingsJsonSchema = {
  baseUrls: {
    type: 'object',
    properties: { kimi: url, glm: url },
    required: ['kimi', 'glm'],
    additionalProperties: false,
  },
  defaultModel: { type: 'string', minLength: 1 },
  host: { type: 'string', minLength: 1 },
  port: { type: 'integer', minimum: 1, maximum: 65_535 },
  limits: {
    type: 'object',
    properties: { global: limit, kimi: limit, glm: limit, session: limit },
    required: ['global', 'kimi', 'glm', 'session'],
    additionalProperties: false,
  },
  callTimeoutS: { type: 'number', minimum: 1, maximum: 3600 },
  allowedRoots: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50 },
  startAtLogin: { type: 'boolean' },
  plainTextConsent: { type: 'boolean' },
  updateChecks: { type: 'boolean' },
  secrets: {
    type: 'object',
    properties: { kimi: { type: 'string' }, glm: { type: 'string' }, token: { type: 'string' } },
    additionalProperties: false,
  },
} as const;

/** The slice of electron-store/conf's store a migration touches. */
export interface MigratableStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Keyed by the app version that introduced the change; run once, in order, by electron-store. */
export const settingsMigrations: Record<string, (store: MigratableStore) => void> = {
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
