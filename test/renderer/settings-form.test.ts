import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../preload/api.ts';
import { buildPatch, draftFrom, fieldOfServerError, validate } from '../../renderer/src/settings/settings-form.ts';

const view: SettingsView = {
  keys: { kimi: { configured: false }, glm: { configured: false } },
  baseUrls: { kimi: 'https://api.moonshot.ai/v1', glm: 'https://api.z.ai/api/paas/v4' },
  defaultModel: 'auto',
  host: '127.0.0.1',
  port: 8765,
  limits: { global: 24, kimi: 6, glm: 4, session: 8 },
  callTimeoutS: 90,
  startAtLogin: false,
  encryption: 'os',
  plainTextConsent: false,
};

describe('settings form', () => {
  it('an untouched form is valid and saves nothing', () => {
    expect(validate(draftFrom(view))).toEqual({});
    expect(buildPatch(draftFrom(view), view)).toEqual({});
  });

  it('names each bad field with a message a user can act on', () => {
    const draft = { ...draftFrom(view), port: '0', 'baseUrls.glm': 'ftp://x', 'limits.kimi': '2.5', callTimeoutS: '' };
    expect(validate(draft)).toEqual({
      port: 'Port must be 1–65,535',
      'baseUrls.glm': 'Use an http:// or https:// URL',
      'limits.kimi': 'Limit must be a whole number',
      callTimeoutS: 'Timeout must be a number of seconds',
    });
  });

  it('sends only what changed, as numbers', () => {
    const draft = { ...draftFrom(view), port: '9000', 'limits.session': '3', startAtLogin: true };
    expect(buildPatch(draft, view)).toEqual({ port: 9000, limits: { session: 3 }, startAtLogin: true });
  });

  it('maps a main-process validation error back onto its field', () => {
    expect(fieldOfServerError('limits.global: Too big')).toEqual({ path: 'limits.global', message: 'Too big' });
    expect(fieldOfServerError('Something else broke')).toBeUndefined();
  });
});
