import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENV_BINDINGS } from '../../daemon/config/env.ts';
import { loadConfig } from '../../daemon/config/load.ts';
import { configSchema } from '../../daemon/config/schema.ts';
import {
  APP_SETTING_PATHS,
  appDaemonDefaults,
  daemonDefaults,
  PROVIDER_IDS,
  readPath,
} from '../../daemon/parent/settings-contract.ts';
import { settingsEnv } from '../../main/settings/daemon-env.ts';
import { SecretBox } from '../../main/settings/secrets.ts';
import {
  settingsDefaults,
  settingsJsonSchema,
  type StoredSettings,
} from '../../main/settings/settings-schema.ts';
import { SettingsStore } from '../../main/settings/settings-store.ts';
import { providerIdSchema, settingsPatchSchema, type ExaiApi } from '../../preload/api.ts';
import { FakeSafeStorage } from '../main/fake-safe-storage.ts';

// One settings contract (daemon/parent/settings-contract.ts) and everything that must agree with
// it: the daemon's schema and environment names, the app's settings file, its defaults, the
// environment it starts the daemon with, the dashboard's view and patch, and the dev mock.

/** Dotted paths of every leaf of a plain object, e.g. ['limits.global', 'port']. */
function leaves(value: unknown, prefix = ''): string[] {
  // An array (a tool list) or an empty table (no prices yet) is one setting.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  if (Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** The JSON schema's declared leaves, in the same dotted form. */
function schemaLeaves(
  properties: Record<string, { properties?: Record<string, unknown> }>,
): string[] {
  return Object.entries(properties).flatMap(([k, v]) =>
    v.properties ? Object.keys(v.properties).map((inner) => `${k}.${inner}`) : [k],
  );
}

/** A zod object schema's leaves (optional wrappers unwrapped), in the same dotted form. */
function zodLeaves(schema: unknown, prefix = ''): string[] {
  let s = schema as { unwrap?: () => unknown; shape?: Record<string, unknown> };
  while (!s.shape && s.unwrap) s = s.unwrap() as typeof s;
  if (!s.shape) return [prefix];
  return Object.entries(s.shape).flatMap(([k, v]) => zodLeaves(v, prefix ? `${prefix}.${k}` : k));
}

const APP_ONLY = [
  'startAtLogin',
  'plainTextConsent',
  'updateChecks',
  'firstRunDone',
  'circuitNotifications',
  'language',
];
const sorted = (xs: string[]) => [...xs].sort();
const appDaemonPaths = Object.keys(APP_SETTING_PATHS);
const { secrets: _secrets, ...editableDefaults } = settingsDefaults;

describe('settings parity: one contract, every side', () => {
  it('provider ids: the daemon config, its limits and the IPC argument schema know the same providers', () => {
    const shape = configSchema.shape as Record<string, unknown>;
    for (const id of PROVIDER_IDS) {
      expect(shape[id], `daemon config has no "${id}" section`).toBeDefined();
      expect(daemonDefaults.limits, `daemon limits have no "${id}"`).toHaveProperty(id);
    }
    expect(sorted(providerIdSchema.options)).toEqual(sorted([...PROVIDER_IDS]));
  });

  it('every setting the app edits is a daemon setting with a default and an environment variable', () => {
    const bound = new Set(ENV_BINDINGS.map((b) => b.path));
    for (const daemonPath of Object.values(APP_SETTING_PATHS)) {
      expect(
        readPath(daemonDefaults, daemonPath),
        `daemon has no default for "${daemonPath}"`,
      ).toBeDefined();
      expect(bound.has(daemonPath), `daemon reads no env var for "${daemonPath}"`).toBe(true);
    }
    // The daemon's limits the app shows are exactly the per-call ones (global, session, providers).
    expect(sorted(Object.keys(appDaemonDefaults.limits))).toEqual(
      sorted(['global', 'session', ...PROVIDER_IDS]),
    );
  });

  it("the app's settings file: defaults, JSON schema and dashboard patch hold the same settings", () => {
    const expected = sorted([...appDaemonPaths, ...APP_ONLY]);
    expect(sorted(leaves(editableDefaults))).toEqual(expected);
    const { secrets: _s, ...jsonSchema } = settingsJsonSchema;
    expect(sorted(schemaLeaves(jsonSchema as never))).toEqual(expected);
    expect(sorted(zodLeaves(settingsPatchSchema))).toEqual(expected);
    expect(sorted(Object.keys(settingsJsonSchema.secrets.properties))).toEqual(
      sorted([...PROVIDER_IDS, 'token']),
    );
  });

  it("a fresh install starts from the daemon's own defaults", () => {
    for (const [appPath, daemonPath] of Object.entries(APP_SETTING_PATHS)) {
      expect(readPath(settingsDefaults, appPath), appPath).toEqual(
        readPath(daemonDefaults, daemonPath),
      );
    }
  });

  it('the dashboard view shows every editable setting', async () => {
    const store = new SettingsStore({
      backend: { store: structuredClone(settingsDefaults) },
      secrets: new SecretBox(new FakeSafeStorage(), 'linux'),
      newToken: () => 't'.repeat(32),
    });
    await store.init();
    const { keys, encryption: _e, ...editable } = store.view();
    expect(sorted(leaves(editable))).toEqual(sorted([...appDaemonPaths, ...APP_ONLY]));
    expect(sorted(Object.keys(keys))).toEqual(sorted([...PROVIDER_IDS]));
  });

  it('every edited setting reaches the daemon through the environment and command line the app starts it with', () => {
    // Change every value away from its default, so a setting that is dropped on the way shows.
    const edited = structuredClone(settingsDefaults) as StoredSettings & Record<string, unknown>;
    let n = 0;
    for (const appPath of appDaemonPaths) {
      const old = readPath(edited, appPath);
      n += 1;
      // Lists get two entries, so the "a,b" form the environment carries them in is exercised.
      const next =
        typeof old === 'number'
          ? old + n
          : Array.isArray(old)
            ? [`tool-${n}`, `other-${n}`]
            : typeof old === 'object' && old !== null
              ? { [`model-${n}`]: { input: n, output: n + 0.5, currency: 'CNY' } }
              : appPath === 'toolProfile'
                ? 'full'
                : appPath === 'locale'
                  ? `fr-x${n}`
                  : appPath.startsWith('baseUrls.')
                    ? `http://127.0.0.1:9/${n}`
                    : `${String(old)}-${n}`;
      const parts = appPath.split('.');
      const parent = parts
        .slice(0, -1)
        .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, edited);
      parent[parts.at(-1)!] = next;
    }
    const secrets = {
      token: 'x'.repeat(32),
      ...Object.fromEntries(PROVIDER_IDS.map((id) => [id, `key-of-${id}`])),
    };
    const env = settingsEnv(edited, secrets);
    // As the supervisor launches it: host and port on the command line, the rest in the environment.
    const config = loadConfig({
      env,
      flags: {
        host: edited.host,
        port: edited.port,
        dataDir: join(tmpdir(), 'exai-parity-no-such-dir'),
      },
    });
    for (const [appPath, daemonPath] of Object.entries(APP_SETTING_PATHS)) {
      expect(readPath(config, daemonPath), `${appPath} → ${daemonPath}`).toEqual(
        readPath(edited, appPath),
      );
    }
    expect(config.token).toBe(secrets.token);
    for (const id of PROVIDER_IDS) expect(config[id].apiKey).toBe(`key-of-${id}`);
  });
});

describe('settings parity: the dev mock', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("compiles in the daemon's defaults and shows every setting the real app shows", async () => {
    const { default: viteConfig } = await import('../../renderer/vite.config.ts');
    const compiled = JSON.parse(
      (viteConfig as { define: Record<string, string> }).define.__EXAI_DAEMON_DEFAULTS__!,
    );
    expect(compiled).toEqual(appDaemonDefaults);

    vi.useFakeTimers();
    const fakeWindow = {} as { exai?: ExaiApi };
    vi.stubGlobal('window', fakeWindow);
    vi.stubGlobal('__EXAI_DAEMON_DEFAULTS__', compiled);
    const { installMockExai } = await import('../../renderer/src/dev/mock-exai.ts');
    installMockExai();
    const view = await fakeWindow.exai!.invoke('settings:get');
    const { keys, encryption: _e, ...editable } = view;
    expect(sorted(leaves(editable))).toEqual(sorted(leaves(editableDefaults)));
    for (const appPath of appDaemonPaths)
      expect(readPath(view, appPath), appPath).toEqual(readPath(appDaemonDefaults, appPath));
    expect(sorted(Object.keys(keys))).toEqual(sorted([...PROVIDER_IDS]));
  });
});
