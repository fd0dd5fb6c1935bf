import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../preload/api.ts';
import { translator } from '../../main/i18n.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import {
  buildPatch,
  draftFrom,
  fieldOfServerError,
  validate,
} from '../../renderer/src/settings/settings-form.ts';

// What a fresh install shows: the app's own defaults.
const { secrets: _secrets, ...defaults } = settingsDefaults;
const view: SettingsView = {
  ...defaults,
  keys: { kimi: { configured: false }, glm: { configured: false } },
  encryption: 'os',
};

const en = { t: translator('en'), locale: 'en' };
const zh = { t: translator('zh-CN'), locale: 'zh-CN' };

describe('settings form', () => {
  it('an untouched form is valid and saves nothing', () => {
    expect(validate(draftFrom(view), en)).toEqual({});
    expect(buildPatch(draftFrom(view), view)).toEqual({});
  });

  it('names each bad field with a message a user can act on', () => {
    const draft = {
      ...draftFrom(view),
      port: '0',
      'baseUrls.glm': 'ftp://x',
      'limits.kimi': '2.5',
      callTimeoutS: '',
    };
    expect(validate(draft, en)).toEqual({
      port: 'Port must be 1–65,535',
      'baseUrls.glm': 'Use an http:// or https:// URL',
      'limits.kimi': 'Limit must be a whole number',
      callTimeoutS: 'Timeout must be a number of seconds',
    });
    expect(validate(draft, zh)).toEqual({
      port: '端口必须在 1–65,535 之间',
      'baseUrls.glm': '请使用 http:// 或 https:// 开头的地址',
      'limits.kimi': '上限必须是整数',
      callTimeoutS: '超时必须是秒数',
    });
  });

  it('sends only what changed, as numbers', () => {
    const draft = { ...draftFrom(view), port: '9000', 'limits.session': '3', startAtLogin: true };
    expect(buildPatch(draft, view)).toEqual({
      port: 9000,
      limits: { session: 3 },
      startAtLogin: true,
    });
  });

  it('maps a main-process validation error back onto its field', () => {
    expect(fieldOfServerError('limits.global: Too big')).toEqual({
      path: 'limits.global',
      message: 'Too big',
    });
    expect(fieldOfServerError('Something else broke')).toBeUndefined();
  });
});
