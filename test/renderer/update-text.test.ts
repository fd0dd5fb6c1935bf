import { describe, expect, it } from 'vitest';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import type { SettingsView, UpdateState } from '../../preload/api.ts';
import { buildPatch, draftFrom } from '../../renderer/src/settings/settings-form.ts';
import { describeUpdate } from '../../renderer/src/updates/update-text.ts';
import { translator } from '../../main/i18n.ts';

// What the dashboard's update card says in each state, and which button it offers.
const base = { currentVersion: '0.1.0' };
const at = (ms: number) => `t${ms}`;
const en = translator('en');

describe('update card', () => {
  it('offers "Restart to update" only for a downloaded update', () => {
    const states: UpdateState[] = [
      { ...base, state: 'no-update', checkedAt: 5 },
      { ...base, state: 'checking' },
      { ...base, state: 'available', version: '0.2.0' },
      { ...base, state: 'downloading', version: '0.2.0', percent: 42 },
      { ...base, state: 'error', error: 'net::ERR_INTERNET_DISCONNECTED' },
      { ...base, state: 'disabled', disabledReason: 'setting-off' },
      { ...base, state: 'disabled', disabledReason: 'unsigned-mac' },
    ];
    for (const s of states) expect(describeUpdate(s, at, en).action, s.state).not.toBe('install');
    expect(
      describeUpdate({ ...base, state: 'downloaded', version: '0.2.0' }, at, en),
    ).toMatchObject({
      headline: 'Version 0.2.0 is ready to install',
      action: 'install',
    });
  });

  it('says what is happening in words', () => {
    expect(describeUpdate({ ...base, state: 'no-update', checkedAt: 5 }, at, en)).toMatchObject({
      headline: 'EXAI Desktop is up to date',
      detail: 'You have version 0.1.0. Last checked t5.',
    });
    expect(
      describeUpdate({ ...base, state: 'downloading', version: '0.2.0', percent: 42 }, at, en)
        .detail,
    ).toMatch(/^42% · in the background/);
    expect(
      describeUpdate({ ...base, state: 'error', error: 'net::ERR_INTERNET_DISCONNECTED' }, at, en)
        .detail,
    ).toContain('net::ERR_INTERNET_DISCONNECTED');
  });

  it('an unsigned macOS build says plainly it cannot update itself', () => {
    const v = describeUpdate(
      { ...base, state: 'disabled', disabledReason: 'unsigned-mac' },
      at,
      en,
    );
    expect(v.headline).toBe('This build cannot update itself');
    expect(v.detail).toMatch(/not signed with an Apple Developer ID/);
    expect(v.action).toBeUndefined();
  });

  it('the Settings switch turns checks off through the normal Save', () => {
    const { secrets: _secrets, ...defaults } = settingsDefaults;
    const view: SettingsView = {
      ...defaults,
      keys: { kimi: { configured: false }, glm: { configured: false } },
      encryption: 'os',
    };
    expect(view.updateChecks).toBe(true);
    expect(buildPatch({ ...draftFrom(view), updateChecks: false }, view)).toEqual({
      updateChecks: false,
    });
    expect(buildPatch(draftFrom(view), view)).toEqual({});
  });
});
