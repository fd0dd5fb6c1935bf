import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectMcpHttp, connectMcpWs, startDaemon } from '../helpers/daemon.ts';

const KIMI_KEY = 'sk-kimi-SECRET-0123456789abcdef';
const GLM_KEY = 'glm-SECRET-fedcba9876543210.abc';
const TOKEN = 'tok-SECRET-aaaaaaaaaaaaaaaaaaaaaaaa';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets', () => {
  it('never appear in logs, health, status, metrics or errors', async () => {
    const d = await startDaemon({ env: { EXAI_WS_TOKEN: TOKEN, KIMI_API_KEY: KIMI_KEY, GLM_API_KEY: GLM_KEY, EXAI_LOG_LEVEL: 'trace' } });
    const seen: string[] = [];
    try {
      const ws = await connectMcpWs(d);
      for (const name of ['version', 'status', 'listmodels', 'nope']) {
        seen.push(JSON.stringify(await ws.callTool({ name, arguments: {} })));
      }
      seen.push(JSON.stringify(await ws.callTool({ name: 'version', arguments: { token: TOKEN } })));
      const { client: http } = await connectMcpHttp(d);
      seen.push(JSON.stringify(await http.callTool({ name: 'status', arguments: {} })));
      const auth = { authorization: `Bearer ${TOKEN}` };
      for (const path of ['/healthz', '/metrics', '/status']) {
        seen.push(await (await fetch(`${d.baseUrl}${path}`, { headers: auth })).text());
      }
      seen.push(await (await fetch(`${d.baseUrl}/metrics`, { headers: { authorization: `Bearer ${KIMI_KEY}` } })).text());
      await ws.close();
      await http.close();
    } finally {
      expect((await d.stop()).code).toBe(0);
    }
    const written = filesUnder(d.dataDir).filter((f) => !f.endsWith(`${join(d.dataDir, 'token')}`));
    expect(written.some((f) => f.includes('daemon') && f.endsWith('.log'))).toBe(true);
    const everything = [...seen, d.stderr(), JSON.stringify(d.messages), ...written.map((f) => readFileSync(f, 'utf8'))].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [KIMI_KEY, GLM_KEY, TOKEN]) expect(everything).not.toContain(secret);
  });
});
