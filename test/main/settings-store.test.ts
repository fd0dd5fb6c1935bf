import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../main/settings/secrets.ts';
import { openSettingsFile, type SettingsBackend } from '../../main/settings/settings-file.ts';
import {
  SETTINGS_FILE_NAME,
  settingsStoreOptions,
  type StoredSettings,
} from '../../main/settings/settings-schema.ts';
import { SettingsStore } from '../../main/settings/settings-store.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';

// conf is the file store electron-store is built on (electron-store only adds Electron's paths),
// so these tests exercise the same schema, migrations and file handling the app uses.
let dir: string;
const file = (): string => join(dir, `${SETTINGS_FILE_NAME}.json`);

function open(): ReturnType<typeof openSettingsFile<SettingsBackend>> {
  return openSettingsFile(
    () =>
      new Conf<StoredSettings>({
        ...(settingsStoreOptions as object),
        cwd: dir,
        configName: SETTINGS_FILE_NAME,
        projectVersion: '0.1.0',
      }) as unknown as SettingsBackend,
    file(),
  );
}

async function store(
  safe = new FakeSafeStorage(),
  platform: NodeJS.Platform = 'darwin',
): Promise<SettingsStore> {
  const s = new SettingsStore({ backend: open().backend, secrets: new SecretBox(safe, platform) });
  await s.init();
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exai-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('round-trips an API key through safeStorage and writes only ciphertext', async () => {
    const safe = new FakeSafeStorage();
    const s = await store(safe);
    const view = await s.setKey('kimi', 'sk-kimi-secret-1234');
    expect(view.keys.kimi).toEqual({ configured: true, last4: '1234' });
    expect(view.keys.glm).toEqual({ configured: false });
    expect(JSON.stringify(view)).not.toContain('sk-kimi-secret');
    const onDisk = readFileSync(file(), 'utf8');
    expect(onDisk).not.toContain('sk-kimi-secret');
    expect(JSON.parse(onDisk).secrets.kimi).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(safe.calls.encryptAsync).toBeGreaterThan(0); // the async API is preferred

    const reopened = await store(safe);
    expect(reopened.apiKey('kimi')).toBe('sk-kimi-secret-1234');
    expect(safe.calls.decryptAsync).toBeGreaterThan(0);
  });

  it('works with the synchronous safeStorage API where the async one is missing', async () => {
    const fake = new FakeSafeStorage();
    const syncOnly = {
      isEncryptionAvailable: () => true,
      encryptString: (t: string) => fake.encryptString(t),
      decryptString: (b: Buffer) => fake.decryptString(b),
    };
    const s = await store(syncOnly as FakeSafeStorage);
    await s.setKey('glm', 'glm-sync-key-5678');
    expect(readFileSync(file(), 'utf8')).not.toContain('glm-sync-key');
    expect((await store(syncOnly as FakeSafeStorage)).apiKey('glm')).toBe('glm-sync-key-5678');
  });

  it('creates a 256-bit daemon token once and keeps it across restarts; rotate replaces it', async () => {
    const s = await store();
    const token = s.token();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(readFileSync(file(), 'utf8')).not.toContain(token);
    expect((await store()).token()).toBe(token);
    const rotated = await s.rotateToken();
    expect(rotated).not.toBe(token);
    expect((await store()).token()).toBe(rotated);
  });

  it('clears a key', async () => {
    const s = await store();
    await s.setKey('glm', 'glm-key-abcdefgh');
    expect((await s.clearKey('glm')).keys.glm.configured).toBe(false);
    expect((await store()).apiKey('glm')).toBeUndefined();
  });

  it('rejects invalid values with a message naming the field, and keeps the old value', async () => {
    const s = await store();
    await expect(s.update({ port: 70_000 })).rejects.toThrow(/port: Port must be 1–65535/);
    await expect(s.update({ baseUrls: { kimi: 'not a url' } })).rejects.toThrow(/baseUrls\.kimi/);
    await expect(s.update({ limits: { global: 0 } })).rejects.toThrow(/limits\.global/);
    await expect(s.update({ colour: 'red' })).rejects.toThrow(/colour/);
    expect(s.view().port).toBe(8765);
    const ok = await s.update({ port: 9000, limits: { kimi: 3 } });
    expect(ok.port).toBe(9000);
    expect(ok.limits).toEqual({ global: 24, kimi: 3, glm: 4, session: 8 });
  });

  it('keeps the user’s prices and tool settings in the file, refusing bad ones by name', async () => {
    const s = await store();
    await expect(
      s.update({ prices: { 'my-model': { input: -1, output: 2, currency: 'USD' } } }),
    ).rejects.toThrow(
      /prices\.my-model\.input: Enter a price per million tokens between 0 and 10000/,
    );
    await expect(
      s.update({ prices: { 'my-model': { input: 1, output: 2, currency: 'dollars' } } }),
    ).rejects.toThrow(/prices\.my-model\.currency: Enter a three-letter currency code/);
    await expect(s.update({ toolProfile: 'everything' })).rejects.toThrow(
      /toolProfile: Choose core, standard or full/,
    );
    expect(s.view().prices).toEqual({});
    await s.update({
      prices: { 'my-model': { input: 1, output: 2.5, currency: 'CNY' } },
      toolProfile: 'core',
      disabledTools: ['chat'],
    });
    // A price left out of the next table is removed, not merged back.
    const next = await s.update({ prices: { other: { input: 0, output: 0, currency: 'USD' } } });
    expect(next.prices).toEqual({ other: { input: 0, output: 0, currency: 'USD' } });
    // What electron-store wrote passes its JSON schema when the app opens it again.
    const reopened = new SettingsStore({
      backend: open().backend,
      secrets: new SecretBox(new FakeSafeStorage(), 'darwin'),
    });
    await reopened.init();
    expect(reopened.view()).toMatchObject({
      prices: next.prices,
      toolProfile: 'core',
      enabledTools: [],
      disabledTools: ['chat'],
    });
  });

  it('backs up a corrupt settings file, starts from defaults, and reports where the old file went', async () => {
    writeFileSync(file(), '{"port": 8765, "host": ');
    const opened = open();
    expect(opened.recovered?.backupPath).toMatch(/settings\.json\.corrupt-/);
    expect(readFileSync(opened.recovered!.backupPath, 'utf8')).toBe('{"port": 8765, "host": ');
    const s = new SettingsStore({
      backend: opened.backend,
      secrets: new SecretBox(new FakeSafeStorage()),
    });
    await s.init();
    expect(s.view().port).toBe(8765);
    expect(readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(true);
  });

  it('treats a file that breaks the schema as corrupt too', async () => {
    writeFileSync(file(), JSON.stringify({ port: 'eighty' }));
    const opened = open();
    expect(opened.recovered?.error).toMatch(/schema/i);
    expect(opened.backend.store.port).toBe(8765);
  });

  it('migration fills a nested field missing from a hand-edited file', async () => {
    writeFileSync(file(), JSON.stringify({ limits: { global: 5 } }));
    const opened = open();
    expect(opened.recovered).toBeUndefined();
    expect(opened.backend.store.limits).toEqual({ global: 5, kimi: 6, glm: 4, session: 8 });
  });

  it("refuses to store a key with Linux's plain-text backend until the user consents", async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const s = await store(safe, 'linux');
    expect(s.view().encryption).toBe('basic-text');
    await expect(s.setKey('kimi', 'sk-kimi-secret-1234')).rejects.toThrow(/plain-text/);
    expect(JSON.parse(readFileSync(file(), 'utf8')).secrets).toEqual({}); // not even the token
    await s.update({ plainTextConsent: true });
    expect(JSON.parse(readFileSync(file(), 'utf8')).secrets.token).toBeDefined();
    expect((await s.setKey('kimi', 'sk-kimi-secret-1234')).keys.kimi.configured).toBe(true);
  });

  it('refuses keys when no encryption exists at all', async () => {
    const safe = new FakeSafeStorage();
    safe.available = false;
    const s = await store(safe);
    expect(s.view().encryption).toBe('unavailable');
    await expect(s.setKey('glm', 'glm-key-abcdefgh')).rejects.toThrow(/cannot be saved/);
    expect(s.token().length).toBeGreaterThan(30); // the daemon still gets a token for this run
  });

  it('drops a secret that can no longer be decrypted instead of failing', async () => {
    const s = await store();
    await s.setKey('kimi', 'sk-kimi-secret-1234');
    const data = JSON.parse(readFileSync(file(), 'utf8'));
    data.secrets.kimi = Buffer.from('garbage').toString('base64');
    writeFileSync(file(), JSON.stringify(data));
    const again = await store();
    expect(again.view().keys.kimi.configured).toBe(false);
  });
});
