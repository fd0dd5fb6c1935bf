import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  connectMcpHttp,
  connectMcpWs,
  GLM_KEY,
  KIMI_KEY,
  startDaemon,
  text,
  type RunningDaemon,
} from '../helpers/daemon.ts';

const TOKEN = 'tok-SECRET-aaaaaaaaaaaaaaaaaaaaaaaa';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Everything the daemon wrote or said: answers seen by the test, stderr, parent messages, files (not the token file). */
function everything(d: RunningDaemon, seen: string[]): string {
  const written = filesUnder(d.dataDir).filter((f) => f !== join(d.dataDir, 'token'));
  expect(written.some((f) => f.includes('daemon') && f.endsWith('.log'))).toBe(true);
  return [
    ...seen,
    d.stderr(),
    JSON.stringify(d.messages),
    ...written.map((f) => readFileSync(f, 'utf8')),
  ].join('\n');
}

describe('secrets', () => {
  it('never appear in logs, health, status, metrics or errors', async () => {
    // Keyed providers point at the fakes: listmodels asks their /models, never a real API.
    const d = await startDaemon({
      fakes: true,
      env: { EXAI_WS_TOKEN: TOKEN, EXAI_LOG_LEVEL: 'trace' },
    });
    const seen: string[] = [];
    try {
      const ws = await connectMcpWs(d);
      for (const name of ['version', 'status', 'listmodels', 'nope']) {
        seen.push(JSON.stringify(await ws.callTool({ name, arguments: {} })));
      }
      expect(d.kimi.requests.some((r) => r.path === '/models')).toBe(true);
      seen.push(
        JSON.stringify(await ws.callTool({ name: 'version', arguments: { token: TOKEN } })),
      );
      const { client: http } = await connectMcpHttp(d);
      seen.push(JSON.stringify(await http.callTool({ name: 'status', arguments: {} })));
      const auth = { authorization: `Bearer ${TOKEN}` };
      for (const path of ['/healthz', '/metrics', '/status']) {
        seen.push(await (await fetch(`${d.baseUrl}${path}`, { headers: auth })).text());
      }
      seen.push(
        await (
          await fetch(`${d.baseUrl}/metrics`, { headers: { authorization: `Bearer ${KIMI_KEY}` } })
        ).text(),
      );
      await ws.close();
      await http.close();
    } finally {
      expect((await d.stop()).code).toBe(0);
    }
    const all = everything(d, seen);
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [KIMI_KEY, GLM_KEY, TOKEN]) expect(all).not.toContain(secret);
  });

  it('keys that arrive later from the app (configure) never reach a log, even when a provider echoes them', async () => {
    const d = await startDaemon({ fakes: true, keys: [], env: { EXAI_LOG_LEVEL: 'trace' } });
    const seen: string[] = [];
    try {
      d.child.send({ type: 'configure', kimi: { apiKey: KIMI_KEY }, glm: { apiKey: GLM_KEY } });
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${d.baseUrl}/healthz`)).json()) as {
                providers: Record<string, { configured: boolean }>;
              }
            ).providers.kimi?.configured,
        )
        .toBe(true);
      seen.push(text(await d.call('chat', { prompt: 'fine', model: 'kimi-latest' })));
      // The fake now wants another key and echoes back the one it was sent, as some providers do.
      d.kimi.apiKey = 'sk-some-other-kimi-key-999999';
      const rejected = text(await d.call('chat', { prompt: 'rejected', model: 'kimi-latest' }));
      expect(rejected).toMatch(/rejected the API key \(401\)/);
      seen.push(rejected);
      d.glm.script({ kind: 'status', status: 500, message: `internal error for key ${GLM_KEY}` });
      seen.push(text(await d.call('chat', { prompt: 'fails', model: 'glm-4.5' })));
    } finally {
      expect((await d.stop()).code).toBe(0);
    }
    const all = everything(d, seen);
    expect(all).toContain('configuration updated by the app');
    for (const key of [KIMI_KEY, GLM_KEY]) {
      expect(all).not.toContain(key);
      expect(all).not.toContain(key.slice(4, 20));
    }
  });
});
