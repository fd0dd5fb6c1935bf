// Attack suite, MCP transports: disconnects cancel, odd JSON-RPC gets an answer, oversized
// bodies get a 413, and the URL token works only where it must (issue 11, defects 5, 8, 9, 10).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { rawHttpSession, rawMcpSocket, rpcMessages } from './raw-mcp.ts';

let d: RunningDaemon;
beforeAll(async () => {
  d = await startDaemon();
});
afterAll(async () => {
  await d?.stop();
});

// Ids MCP cannot carry (not strings, not safe integers) and params that are not objects.
const ODD: Array<{ frame: Record<string, unknown>; id: unknown; what: RegExp }> = [
  { frame: { id: 1e308, method: 'tools/list' }, id: null, what: /id/ },
  { frame: { id: 2 ** 64, method: 'tools/list' }, id: null, what: /id/ },
  { frame: { id: -0.5, method: 'tools/list' }, id: null, what: /id/ },
  { frame: { id: 7, method: 'tools/list', params: [1, 2] }, id: 7, what: /params/ },
  { frame: { id: 'p', method: 'tools/call', params: 'version' }, id: 'p', what: /params/ },
  { frame: { id: true, method: 'ping' }, id: null, what: /id/ },
];

describe('odd JSON-RPC gets an Invalid Request answer, not silence', () => {
  it('over MCP-WS', async () => {
    const { ws, received } = await rawMcpSocket(d);
    for (const [i, { frame }] of ODD.entries()) {
      ws.send(JSON.stringify({ jsonrpc: '2.0', ...frame }));
      // A good request after each odd one: its answer shows the odd one was dealt with first.
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: `after-${i}`, method: 'ping' }));
    }
    await expect
      .poll(() => received.filter((m) => String(m.id).startsWith('after-')).length, {
        timeout: 15_000,
      })
      .toBe(ODD.length);
    const errors = received.filter((m) => m.error);
    expect(errors).toHaveLength(ODD.length);
    for (const [i, { id, what }] of ODD.entries()) {
      expect(errors[i]).toMatchObject({ jsonrpc: '2.0', id, error: { code: -32600 } });
      expect((errors[i]!.error as { message: string }).message).toMatch(what);
    }
    ws.close();
  });

  it('over MCP-HTTP', async () => {
    const session = await rawHttpSession(d);
    for (const { frame, id, what } of ODD) {
      const res = await session.post({ jsonrpc: '2.0', ...frame });
      expect(res.status).toBe(400);
      const [answer] = await rpcMessages(res);
      expect(answer).toMatchObject({ jsonrpc: '2.0', id, error: { code: -32600 } });
      expect((answer!.error as { message: string }).message).toMatch(what);
    }
    const ping = await rpcMessages(await session.post({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    expect(ping[0]).toMatchObject({ id: 1, result: {} });
  });
});

describe('HTTP edges', () => {
  it('answers a 40 MiB POST to /mcp with 413, not a reset, and keeps serving', async () => {
    const res = await fetch(d.httpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
      body: new Uint8Array(40 * 1024 * 1024).fill(0x20),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/over the 33554432-byte limit \(EXAI_WS_MAX_BYTES\)/);
    expect((await fetch(`${d.baseUrl}/healthz`)).status).toBe(200);
  });

  it('accepts ?token= only on WebSocket upgrades, never on HTTP routes', async () => {
    for (const path of ['/status', '/metrics', '/mcp']) {
      const res = await fetch(`${d.baseUrl}${path}?token=${encodeURIComponent(d.token)}`, {
        method: path === '/mcp' ? 'POST' : 'GET',
        body: path === '/mcp' ? '{}' : undefined,
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toMatch(
        /\?token= is accepted only on WebSocket connections; send "Authorization: Bearer <token>"/,
      );
    }
    const ok = await fetch(`${d.baseUrl}/status`, {
      headers: { authorization: `Bearer ${d.token}` },
    });
    expect(ok.status).toBe(200);
  });

  it('keeps serving when clients reset the WebSocket upgrades it answers', async () => {
    // The refusal (or the upgrade, once ws is loaded) is written to a socket the client has
    // already reset: that write error must not become the daemon's uncaught exception.
    const port = Number(new URL(d.baseUrl).port);
    const upgrade = (path: string, extra: string) =>
      new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
              'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
              `Sec-WebSocket-Version: 13\r\n${extra}\r\n`,
          );
          setImmediate(() => socket.resetAndDestroy());
        });
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
      });
    const mcp = `Sec-WebSocket-Protocol: mcp\r\nAuthorization: Bearer ${d.token}\r\n`;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => upgrade(i % 2 ? '/not-here' : '/', i % 2 ? '' : mcp)),
    );
    expect((await fetch(`${d.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('cancel on every disconnect', () => {
  it('an HTTP client that goes away aborts its upstream request', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script({ kind: 'hang' });
    const session = await rawHttpSession(rig.d);
    const controller = new AbortController();
    const pending = session
      .post(
        {
          jsonrpc: '2.0',
          id: 5,
          method: 'tools/call',
          params: { name: 'chat', arguments: { prompt: 'wait', model: 'glm-4.5' } },
        },
        { signal: controller.signal },
      )
      .then((res) => res.text())
      .catch((error: unknown) => error);
    await rig.glm.waitFor((f) => f.chatRequests.length === 1);
    controller.abort();
    await pending;
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted === true);
    await expect
      .poll(
        async () => {
          const status = (await (
            await fetch(`${rig.d.baseUrl}/status`, {
              headers: { authorization: `Bearer ${rig.d.token}` },
            })
          ).json()) as { inflight: number };
          return status.inflight;
        },
        { timeout: 15_000 },
      )
      .toBe(0);
  });
});
