// Attack suite, provider base URLs: a key follows its base URL, so every way to set one (the
// app's Settings, the app's configure message, the environment) takes only https, or http on
// loopback (issue 11, defect 11).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../daemon/config/load.ts';
import {
  checkProviderBaseUrl,
  parseParentMessage,
  type StatusMessage,
} from '../../daemon/parent/messages.ts';
import { SecretBox } from '../../main/settings/secrets.ts';
import { openSettingsFile, type SettingsBackend } from '../../main/settings/settings-file.ts';
import {
  SETTINGS_FILE_NAME,
  settingsStoreOptions,
  type StoredSettings,
} from '../../main/settings/settings-schema.ts';
import { SettingsStore } from '../../main/settings/settings-store.ts';
import { startDaemon } from '../helpers/daemon.ts';
import { FakeSafeStorage } from '../main/fake-safe-storage.ts';

const REFUSED = [
  'http://evil.example/v1',
  'http://10.0.0.5:8080/v1',
  'http://127.0.0.1.evil.example/v1',
  'ftp://api.moonshot.ai/v1',
  'https://user:pass@api.moonshot.ai/v1',
  'not a url',
];
const ACCEPTED = [
  'https://api.moonshot.ai/v1',
  'https://open.bigmodel.cn/api/paas/v4',
  'http://127.0.0.1:9000/v1',
  'http://localhost:1234/v1',
  'http://[::1]:8080/v1',
];

describe('provider base URL rule', () => {
  it('takes https anywhere and http only on loopback', () => {
    for (const url of REFUSED) expect(checkProviderBaseUrl(url), url).toMatch(/./);
    for (const url of ACCEPTED) expect(checkProviderBaseUrl(url), url).toBeUndefined();
    expect(checkProviderBaseUrl('http://evil.example/v1')).toMatch(
      /https is required .* http only for this machine/,
    );
  });

  it('holds for the environment', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'exai-url-'));
    expect(() =>
      loadConfig({ env: { GLM_API_URL: 'http://evil.example/v4' }, flags: { dataDir } }),
    ).toThrow(/glm\.baseUrl.*GLM_API_URL.*https is required/);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds for the app's configure message", () => {
    const bad = parseParentMessage({
      type: 'configure',
      kimi: { baseUrl: 'http://evil.example/v1' },
    });
    expect(bad).toBeInstanceOf(Error);
    expect((bad as Error).message).toMatch(/kimi\.baseUrl: https is required/);
    expect(
      parseParentMessage({ type: 'configure', kimi: { baseUrl: 'http://127.0.0.1:5/v1' } }),
    ).not.toBeInstanceOf(Error);
  });

  it('a running daemon ignores a configure message with a remote http URL', async () => {
    const d = await startDaemon();
    try {
      d.child.send({
        type: 'configure',
        kimi: { baseUrl: 'http://evil.example/v1', apiKey: 'sk-should-not-apply-1234' },
      });
      d.child.send({ type: 'status-request' });
      await expect
        .poll(
          () =>
            d.messages.some(
              (m) => m.type === 'log' && /ignored a message from the parent/.test(m.msg),
            ),
          { timeout: 15_000 },
        )
        .toBe(true);
      const status = d.messages.filter((m): m is StatusMessage => m.type === 'status').at(-1)!;
      expect(status.snapshot.providers.find((p) => p.id === 'kimi')).toMatchObject({
        baseUrl: 'https://api.moonshot.ai/v1',
        configured: false,
      });
    } finally {
      await d.stop();
    }
  });
});

describe("the app's Settings", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('refuse a remote http base URL, naming the field', async () => {
    dir = mkdtempSync(join(tmpdir(), 'exai-settings-'));
    const cwd = dir;
    const { backend } = openSettingsFile(
      () =>
        new Conf<StoredSettings>({
          ...(settingsStoreOptions as object),
          cwd,
          configName: SETTINGS_FILE_NAME,
          projectVersion: '0.1.0',
        }) as unknown as SettingsBackend,
      join(cwd, `${SETTINGS_FILE_NAME}.json`),
    );
    const store = new SettingsStore({
      backend,
      secrets: new SecretBox(new FakeSafeStorage(), 'darwin'),
    });
    await store.init();
    await expect(store.update({ baseUrls: { kimi: 'http://evil.example/v1' } })).rejects.toThrow(
      /baseUrls\.kimi: https is required/,
    );
    expect(store.view().baseUrls.kimi).toBe('https://api.moonshot.ai/v1');
    const ok = await store.update({ baseUrls: { glm: 'http://127.0.0.1:9999/v4' } });
    expect(ok.baseUrls.glm).toBe('http://127.0.0.1:9999/v4');
  });
});
