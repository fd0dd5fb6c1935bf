import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GLM_KEY, KIMI_KEY, startDaemon, text } from '../helpers/daemon.ts';

describe('graceful shutdown with provider calls in flight', () => {
  it('SIGTERM during a slow call lets it finish within the grace period, then exits 0', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SHUTDOWN_GRACE: '10' },
    });
    const chunks = Array.from({ length: 10 }, (_, i) => `part${i} `);
    rig.kimi.script({ kind: 'reply', chunks, tokenDelayMs: 100 });
    const call = rig.call('chat', { prompt: 'slow one', model: 'kimi-latest' });
    await rig.kimi.waitFor((f) => f.chatRequests.length === 1);
    const exit = rig.d.stop('SIGTERM');
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(result.content[0]).toEqual({ type: 'text', text: chunks.join('') });
    expect((await exit).code).toBe(0);
    expect(rig.kimi.chatRequests[0]?.aborted).toBe(false);
  });

  it('a call still running past the grace period is answered with an error, never dropped', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SHUTDOWN_GRACE: '1' },
    });
    rig.glm.script({ kind: 'hang' });
    const call = rig.call('chat', { prompt: 'never ends', model: 'glm-4.5' });
    await rig.glm.waitFor((f) => f.chatRequests.length === 1);
    const exit = rig.d.stop('SIGTERM');
    const result = await call;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^CANCELLED: .*shutting down/);
    expect((await exit).code).toBe(0);
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted, 5000);
  });
});

describe('secrets', () => {
  it('no API key appears in any log line, error, status or metric', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_LOG_LEVEL: 'debug', EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' },
    });
    const seen: string[] = [];
    const record = (r: CallToolResult) => {
      seen.push(JSON.stringify(r));
      return r;
    };
    record(await rig.call('chat', { prompt: 'fine', model: 'kimi-latest' }));
    // Both servers now want other keys, and echo back the key they were sent, as some providers do.
    rig.kimi.apiKey = 'sk-some-other-kimi-key-999999';
    rig.glm.apiKey = 'some-other-glm-key-888888888';
    const rejected = record(await rig.call('chat', { prompt: 'rejected', model: 'kimi-latest' }));
    expect(text(rejected)).toMatch(/Kimi rejected the API key \(401\).*KIMI_API_KEY/);
    record(await rig.call('chat', { prompt: 'rejected too', model: 'glm-4.5' }));
    rig.kimi.apiKey = KIMI_KEY;
    rig.kimi.script({ kind: 'status', status: 500, message: `internal error for key ${KIMI_KEY}` });
    rig.glm.script({ kind: 'status', status: 502, message: `bad gateway (${GLM_KEY})` });
    record(await rig.call('chat', { prompt: 'both fail' }));
    record((await rig.client.callTool({ name: 'status', arguments: {} })) as CallToolResult);
    record((await rig.client.callTool({ name: 'version', arguments: {} })) as CallToolResult);
    seen.push(
      await (
        await fetch(`${rig.d.baseUrl}/metrics`, {
          headers: { authorization: `Bearer ${rig.d.token}` },
        })
      ).text(),
    );
    seen.push(await (await fetch(`${rig.d.baseUrl}/healthz`)).text());
    expect(seen.join('\n')).toContain('rejected the API key');
    await rig.d.stop('SIGTERM');

    const logDir = join(rig.d.dataDir, 'logs');
    const logs = readdirSync(logDir)
      .filter((f) => f.endsWith('.log'))
      .map((f) => readFileSync(join(logDir, f), 'utf8'))
      .join('\n');
    expect(logs).toContain('model failed');
    const everything = [...seen, logs, rig.d.stderr(), JSON.stringify(rig.d.messages)].join('\n');
    for (const key of [KIMI_KEY, GLM_KEY]) {
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(4, 20));
    }
  });
});
