// The app's Settings carry the allowed folders for files to the daemon (EXAI_ALLOWED_ROOTS), and
// check them and the base URLs the way the daemon does.
import { describe, expect, it } from 'vitest';
import { settingsEnv } from '../../main/daemon-env.ts';
import { settingsDefaults, type StoredSettings } from '../../main/settings-schema.ts';
import { planApply } from '../../main/settings-sync.ts';
import { SettingsStore } from '../../main/settings-store.ts';
import { SecretBox } from '../../main/secrets.ts';
import type { SettingsBackend } from '../../main/settings-file.ts';
import { buildPatch, draftFrom, validate } from '../../renderer/src/settings/settings-form.ts';
import { FakeSafeStorage } from '../main/fake-safe-storage.ts';

async function store(): Promise<SettingsStore> {
  const backend = { store: structuredClone(settingsDefaults) } as unknown as SettingsBackend;
  const s = new SettingsStore({ backend, secrets: new SecretBox(new FakeSafeStorage(), 'darwin') });
  await s.init();
  return s;
}

describe("allowed folders in the app's Settings", () => {
  it('default to none (the home folder), are saved, reach the daemon as EXAI_ALLOWED_ROOTS and restart it', async () => {
    const s = await store();
    expect(s.view().allowedRoots).toEqual([]);
    expect(settingsEnv(s.values, { token: 't'.repeat(20) })).not.toHaveProperty(
      'EXAI_ALLOWED_ROOTS',
    );
    const changes: Array<{ previous: StoredSettings; next: StoredSettings }> = [];
    s.on('changed', (c) => changes.push(c));
    const view = await s.update({ allowedRoots: ['/home/me/src', '/srv/shared'] });
    expect(view.allowedRoots).toEqual(['/home/me/src', '/srv/shared']);
    expect(settingsEnv(s.values, { token: 't'.repeat(20) }).EXAI_ALLOWED_ROOTS).toBe(
      '/home/me/src,/srv/shared',
    );
    expect(planApply({ ...changes[0]!, keysChanged: [], tokenChanged: false }, s)).toEqual({
      kind: 'restart',
    });
  });

  it('refuse a relative folder, naming the field', async () => {
    const s = await store();
    await expect(s.update({ allowedRoots: ['projects/src'] })).rejects.toThrow(
      /allowedRoots\.0: .*absolute/,
    );
  });

  it('are edited as one comma list on the form, checked before saving', () => {
    const view = {
      ...structuredClone(settingsDefaults),
      keys: { kimi: { configured: false }, glm: { configured: false } },
      encryption: 'os' as const,
    };
    const draft = { ...draftFrom(view), allowedRoots: ' /home/me/src ,  /srv/shared ' };
    expect(validate(draft).allowedRoots).toBeUndefined();
    expect(buildPatch(draft, view)).toEqual({ allowedRoots: ['/home/me/src', '/srv/shared'] });
    expect(validate({ ...draft, allowedRoots: '/ok, not/absolute' }).allowedRoots).toMatch(
      /not\/absolute is not an absolute folder/,
    );
    // The form mirrors the daemon's base URL rule.
    expect(
      validate({ ...draft, 'baseUrls.kimi': 'http://evil.example/v1' })['baseUrls.kimi'],
    ).toMatch(/https/);
    expect(
      validate({ ...draft, 'baseUrls.kimi': 'http://127.0.0.1:9000/v1' })['baseUrls.kimi'],
    ).toBeUndefined();
  });
});
