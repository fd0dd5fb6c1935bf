import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadyMessage } from '../../daemon/parent/messages.ts';
import { createProviderTester } from '../../main/ipc/provider-test.ts';

// "Test connection" asks the daemon (POST /providers/<id>/test with the token); here a local
// HTTP server stands in for the daemon's route.
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function daemonStub(
  reply: (req: IncomingMessage) => { status: number; body: unknown },
): Promise<{ ready: ReadyMessage; seen: Array<{ url?: string; auth?: string; method?: string }> }> {
  const seen: Array<{ url?: string; auth?: string; method?: string }> = [];
  server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization, method: req.method });
    const { status, body } = reply(req);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server!.address() as { port: number }).port;
  return {
    seen,
    ready: {
      type: 'ready',
      pid: 1,
      host: '127.0.0.1',
      port,
      endpoint: `ws://127.0.0.1:${port}/`,
      httpEndpoint: '',
      version: 'x',
    },
  };
}

describe('providers:test', () => {
  it('posts to the daemon with the token and returns its verdict', async () => {
    const { ready, seen } = await daemonStub(() => ({
      status: 200,
      body: {
        ok: true,
        latencyMs: 42,
        message: '3 models listed',
        models: ['glm-4.6', 'glm-4.5-air', 7],
      },
    }));
    const test = createProviderTester({ readyInfo: () => ready, token: () => 'tok-123' });
    expect(await test('glm')).toEqual({
      ok: true,
      latencyMs: 42,
      message: '3 models listed',
      models: ['glm-4.6', 'glm-4.5-air'],
    });
    expect(seen).toEqual([{ url: '/providers/glm/test', auth: 'Bearer tok-123', method: 'POST' }]);
  });

  it("passes on the provider's error in words", async () => {
    const { ready } = await daemonStub(() => ({
      status: 200,
      body: { ok: false, latencyMs: 10, message: 'Kimi refused the API key (401)' },
    }));
    const result = await createProviderTester({ readyInfo: () => ready, token: () => 't' })('kimi');
    expect(result).toMatchObject({ ok: false, message: 'Kimi refused the API key (401)' });
  });

  it('reports an HTTP error from the daemon (e.g. the route is missing)', async () => {
    const { ready } = await daemonStub(() => ({ status: 404, body: {} }));
    const result = await createProviderTester({ readyInfo: () => ready, token: () => 't' })('kimi');
    expect(result).toMatchObject({ ok: false, message: 'The daemon answered HTTP 404.' });
  });

  it('says when the daemon cannot be reached', async () => {
    const { ready } = await daemonStub(() => ({ status: 200, body: {} }));
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const result = await createProviderTester({ readyInfo: () => ready, token: () => 't' })('kimi');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Could not reach the daemon/);
  });
});
