import { describe, expect, it } from 'vitest';
import { planApply } from '../../main/settings/settings-sync.ts';
import { settingsDefaults, type StoredSettings } from '../../main/settings/settings-schema.ts';
import type { SettingsChange } from '../../main/settings/settings-store.ts';

// Which setting restarts the daemon and which reaches it live through `configure`.
const store = {
  apiKey: (id: 'kimi' | 'glm') => (id === 'kimi' ? 'sk-kimi-new' : undefined),
  token: () => 'tok-new',
};

function change(
  edit: (s: StoredSettings) => void,
  extra: Partial<SettingsChange> = {},
): SettingsChange {
  const next = structuredClone(settingsDefaults);
  edit(next);
  return {
    previous: structuredClone(settingsDefaults),
    next,
    keysChanged: [],
    tokenChanged: false,
    ...extra,
  };
}

const cases: Array<[string, SettingsChange, ReturnType<typeof planApply>]> = [
  ['nothing changed', change(() => {}), { kind: 'none' }],
  ['host', change((s) => void (s.host = '0.0.0.0')), { kind: 'restart' }],
  ['port', change((s) => void (s.port = 9999)), { kind: 'restart' }],
  ['call timeout', change((s) => void (s.callTimeoutS = 42)), { kind: 'restart' }],
  ['a limit', change((s) => void (s.limits.glm = 7)), { kind: 'restart' }],
  ['the session limit', change((s) => void (s.limits.session = 2)), { kind: 'restart' }],
  [
    'start at login (not the daemon’s)',
    change((s) => void (s.startAtLogin = true)),
    { kind: 'none' },
  ],
  [
    'a price',
    change((s) => void (s.prices = { 'my-model': { input: 1, output: 2, currency: 'CNY' } })),
    {
      kind: 'configure',
      message: {
        type: 'configure',
        prices: { 'my-model': { input: 1, output: 2, currency: 'CNY' } },
      },
    },
  ],
  [
    'the tool profile and a switched-off tool',
    change((s) => {
      s.toolProfile = 'core';
      s.disabledTools = ['chat'];
    }),
    {
      kind: 'configure',
      message: { type: 'configure', toolProfile: 'core', disabledTools: ['chat'] },
    },
  ],
  [
    'a tool switched on outside the profile',
    change((s) => void (s.enabledTools = ['status'])),
    { kind: 'configure', message: { type: 'configure', enabledTools: ['status'] } },
  ],
  [
    'a key set',
    change(() => {}, { keysChanged: ['kimi'] }),
    { kind: 'configure', message: { type: 'configure', kimi: { apiKey: 'sk-kimi-new' } } },
  ],
  [
    'a key cleared',
    change(() => {}, { keysChanged: ['glm'] }),
    { kind: 'configure', message: { type: 'configure', glm: { apiKey: null } } },
  ],
  [
    'a base URL',
    change((s) => void (s.baseUrls.glm = 'http://127.0.0.1:1/v4')),
    {
      kind: 'configure',
      message: { type: 'configure', glm: { baseUrl: 'http://127.0.0.1:1/v4' } },
    },
  ],
  [
    'the default model',
    change((s) => void (s.defaultModel = 'glm-4.6')),
    { kind: 'configure', message: { type: 'configure', defaultModel: 'glm-4.6' } },
  ],
  [
    'the token, changed by the user',
    change(() => {}, { tokenChanged: true }),
    { kind: 'configure', message: { type: 'configure', token: 'tok-new' } },
  ],
  [
    'the token, rotated by the daemon itself',
    change(() => {}, { tokenChanged: true, tokenFromDaemon: true }),
    { kind: 'none' },
  ],
  [
    'the allowed folders',
    change((s) => void (s.allowedRoots = ['/srv/code', '/tmp/work'])),
    {
      kind: 'configure',
      message: { type: 'configure', allowedRoots: ['/srv/code', '/tmp/work'] },
    },
  ],
  [
    'a provider’s allowed models',
    change((s) => void (s.allowedModels.glm = ['glm-4.5-flash'])),
    {
      kind: 'configure',
      message: { type: 'configure', glm: { allowedModels: ['glm-4.5-flash'] } },
    },
  ],
  [
    'the answer language',
    change((s) => void (s.locale = 'fr')),
    { kind: 'configure', message: { type: 'configure', locale: 'fr' } },
  ],
  [
    "the app language alone: answers keep the question's language",
    change((s) => void (s.language = 'zh-CN')),
    { kind: 'none' },
  ],
  [
    'the app language, while answers have their own language',
    (() => {
      const c = change((s) => {
        s.language = 'zh-CN';
        s.locale = 'fr';
      });
      c.previous.locale = 'fr';
      return c;
    })(),
    { kind: 'none' },
  ],
  [
    'a key and a port together: the restart carries both',
    change((s) => void (s.port = 9999), { keysChanged: ['kimi'] }),
    { kind: 'restart' },
  ],
];

describe('planApply', () => {
  it.each(cases)('%s', (_name, c, plan) => {
    expect(planApply(c, store)).toEqual(plan);
  });
});
