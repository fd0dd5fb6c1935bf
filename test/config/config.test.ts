import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../daemon/config/load.ts';
import { parseCli } from '../../daemon/cli/args.ts';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'exai-config-'));
}

describe('configuration layers', () => {
  it('uses the original defaults', () => {
    const c = loadConfig({ env: {}, flags: { dataDir: dir() } });
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8765,
      maxBytes: 32 * 1024 * 1024,
      callTimeoutS: 90,
      resultTtlS: 600,
      progressIntervalS: 8,
      helloTimeoutS: 15,
    });
    expect(c.limits).toMatchObject({ global: 24, kimi: 6, glm: 4, session: 8 });
    expect(c.kimi.baseUrl).toBe('https://api.moonshot.ai/v1');
    expect(c.glm.baseUrl).toBe('https://api.z.ai/api/paas/v4');
  });

  it('layers defaults < config file < environment < flags', () => {
    const dataDir = dir();
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ port: 9001, host: '127.0.0.2', limits: { kimi: 2 }, logLevel: 'debug' }),
    );
    const fileOnly = loadConfig({ env: {}, flags: { dataDir } });
    expect(fileOnly).toMatchObject({
      port: 9001,
      host: '127.0.0.2',
      logLevel: 'debug',
      limits: { kimi: 2, glm: 4 },
    });
    const withEnv = loadConfig({
      env: { EXAI_WS_PORT: '9002', EXAI_WS_KIMI_MAX_INFLIGHT: '3' },
      flags: { dataDir },
    });
    expect(withEnv).toMatchObject({ port: 9002, host: '127.0.0.2', limits: { kimi: 3 } });
    const withFlags = loadConfig({ env: { EXAI_WS_PORT: '9002' }, flags: { dataDir, port: 9003 } });
    expect(withFlags.port).toBe(9003);
  });

  it('honours the original environment names and their aliases', () => {
    const c = loadConfig({
      env: {
        MOONSHOT_API_KEY: 'sk-moon-123456789',
        ZHIPUAI_API_URL: 'https://open.bigmodel.cn/api/paas/v4',
        EXAI_WS_DISABLE_COALESCE_FOR_TOOLS: 'chat, thinkdeep',
        DEFAULT_MODEL: 'glm-4.6',
        EXAI_WS_RESULT_TTL: '30',
      },
      flags: { dataDir: dir() },
    });
    expect(c.kimi.apiKey).toBe('sk-moon-123456789');
    expect(c.glm.baseUrl).toBe('https://open.bigmodel.cn/api/paas/v4');
    expect(c.coalesceDisabledFor).toEqual(['chat', 'thinkdeep']);
    expect(c.defaultModel).toBe('glm-4.6');
    expect(c.resultTtlS).toBe(30);
    expect(
      loadConfig({
        env: { KIMI_API_KEY: 'sk-a-12345678', MOONSHOT_API_KEY: 'sk-b-12345678' },
        flags: { dataDir: dir() },
      }).kimi.apiKey,
    ).toBe('sk-a-12345678');
  });

  it('takes the data folder from --data-dir, then EXAI_HOME', () => {
    const a = dir();
    const b = dir();
    expect(loadConfig({ env: { EXAI_HOME: b }, flags: { dataDir: a } }).dataDir).toBe(a);
    expect(loadConfig({ env: { EXAI_HOME: b } }).dataDir).toBe(b);
  });

  it('names the setting and its source when a value is bad', () => {
    const dataDir = dir();
    expect(() => loadConfig({ env: { EXAI_WS_PORT: 'eighty' }, flags: { dataDir } })).toThrow(
      /EXAI_WS_PORT: expected a number, got "eighty"/,
    );
    expect(() =>
      loadConfig({ env: { EXAI_WS_GLM_MAX_INFLIGHT: '0' }, flags: { dataDir } }),
    ).toThrow(/setting "limits.glm" \(from EXAI_WS_GLM_MAX_INFLIGHT\)/);
    expect(() => loadConfig({ env: { KIMI_API_URL: 'not a url' }, flags: { dataDir } })).toThrow(
      /kimi.baseUrl.*KIMI_API_URL/,
    );
    expect(() => loadConfig({ env: { EXAI_WS_TOKEN: 'short' }, flags: { dataDir } })).toThrow(
      /token.*at least 16/,
    );
    expect(() => loadConfig({ env: {}, flags: { dataDir, port: 70000 } })).toThrow(
      /setting "port" \(from the command line\)/,
    );
  });

  it('reports a corrupt config file by path, never crashing', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'config.json'), '{ port: 1 ');
    expect(() => loadConfig({ env: {}, flags: { dataDir } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: {}, flags: { dataDir } })).toThrow(
      /config\.json: not valid JSON/,
    );
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ env: {}, flags: { dataDir } })).toThrow(/prot/);
  });

  it('parses CLI flags and rejects unknown ones', () => {
    expect(
      parseCli(['daemon', '--port', '9100', '--host', '127.0.0.1', '--data-dir', '/x']).flags,
    ).toEqual({ port: 9100, host: '127.0.0.1', dataDir: '/x' });
    expect(() => parseCli(['daemon', '--prot', '1'])).toThrow(/--prot/);
    expect(() => parseCli(['daemon', '--port', 'abc'])).toThrow(/--port/);
    expect(parseCli([]).command).toBe('help');
  });
});
