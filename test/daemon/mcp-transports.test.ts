import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  connectMcpHttp,
  connectMcpWs,
  startDaemon,
  type RunningDaemon,
} from '../helpers/daemon.ts';

let d: RunningDaemon;
beforeAll(async () => {
  // A short legacy hello timeout: a socket without subprotocol "mcp" is a legacy one and waits for hello.
  d = await startDaemon({ env: { EXAI_WS_HELLO_TIMEOUT: '0.3' } });
});
afterAll(async () => {
  await d?.stop();
});

function rawMcpSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${d.wsUrl}?token=${d.token}`, 'mcp');
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
  );
}

describe('MCP over WebSocket (the SDK client, unmodified)', () => {
  it('initializes, lists tools and calls version', async () => {
    const client = await connectMcpWs(d);
    expect(client.getServerVersion()?.name).toBe('exai');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['version', 'status', 'listmodels']),
    );
    const result = await client.callTool({ name: 'version', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      version: '0.1.0',
      endpoint: d.wsUrl,
      providers: { kimi: { configured: false }, glm: { configured: false } },
    });
    await client.close();
  });

  it('lists the catalog even with no provider configured', async () => {
    const client = await connectMcpWs(d);
    const result = await client.callTool({ name: 'listmodels', arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toContain('kimi-k2-0905-preview (kimi-k2-0905, kimi-k2)');
    expect(text).toContain('not configured (set GLM_API_KEY)');
    const groups = (
      result.structuredContent as {
        providers: Array<{ id: string; configured: boolean; models: unknown[] }>;
      }
    ).providers;
    expect(groups.map((g) => [g.id, g.configured])).toEqual([
      ['kimi', false],
      ['glm', false],
    ]);
    expect(groups[1]!.models.length).toBeGreaterThanOrEqual(4);
    await client.close();
  });

  it('answers an unknown tool with an error naming it', async () => {
    const client = await connectMcpWs(d);
    const result = await client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('no_such_tool');
    await client.close();
  });

  it('refuses arguments a tool does not take, naming them', async () => {
    const client = await connectMcpWs(d);
    const result = await client
      .callTool({ name: 'version', arguments: { verbose: true } })
      .catch((error: Error) => ({
        isError: true,
        content: [{ type: 'text', text: error.message }],
      }));
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('verbose');
    await client.close();
  });

  it('answers a malformed frame with -32700 and keeps the connection and other clients working', async () => {
    const other = await connectMcpWs(d, 'bystander');
    const ws = await rawMcpSocket();
    ws.send('{not json');
    const error = await nextMessage(ws);
    expect(error).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    ws.send(JSON.stringify({ id: 7, method: 'tools/list' }));
    expect(await nextMessage(ws)).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32600 } });
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        },
      }),
    );
    const init = await nextMessage(ws);
    expect(init).toMatchObject({ id: 1, result: { serverInfo: { name: 'exai' } } });
    expect((await other.callTool({ name: 'version', arguments: {} })).isError).toBeFalsy();
    ws.close();
    await other.close();
  });

  it('closes a socket that sends a frame over the size limit with 1009, and keeps serving', async () => {
    const small = await startDaemon({ env: { EXAI_WS_MAX_BYTES: '4096' } });
    try {
      const ws = new WebSocket(`${small.wsUrl}?token=${small.token}`, 'mcp');
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send('x'.repeat(10_000));
      expect(await closed).toBe(1009);
      const client = await connectMcpWs(small);
      expect((await client.callTool({ name: 'version', arguments: {} })).isError).toBeFalsy();
      await client.close();
    } finally {
      await small.stop();
    }
  });

  it('hands a WebSocket without subprotocol "mcp" to the legacy protocol, which closes it 4002 when no hello arrives', async () => {
    const ws = new WebSocket(`${d.wsUrl}?token=${d.token}`);
    const opened = new Promise<string>((resolve) => ws.once('open', () => resolve(ws.protocol)));
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      ws.once('close', (c, r) => resolve([c, r.toString()])),
    );
    expect(await opened).toBe('');
    expect(code).toBe(4002);
    expect(reason).toBe('no hello within 0.3s');
  });
});

describe('MCP over Streamable HTTP', () => {
  it('initializes a session, lists tools and calls version', async () => {
    const { client, transport } = await connectMcpHttp(d);
    expect(transport.sessionId).toMatch(/[0-9a-f-]{36}/);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('version');
    const result = await client.callTool({ name: 'version', arguments: {} });
    expect(result.structuredContent).toMatchObject({ http_endpoint: d.httpUrl });
    const health = (await (await fetch(`${d.baseUrl}/healthz`)).json()) as { sessions: number };
    expect(health.sessions).toBeGreaterThanOrEqual(1);
    await transport.terminateSession();
    const after = await fetch(d.httpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${d.token}`,
        'mcp-session-id': transport.sessionId ?? 'gone',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('ends a session after the idle timeout', async () => {
    const quick = await startDaemon({ env: { EXAI_SESSION_IDLE_TIMEOUT: '1' } });
    try {
      const { client, transport } = await connectMcpHttp(quick);
      const id = transport.sessionId;
      // Watched through /status, which is not activity on the session itself.
      const sessionIds = async () =>
        (
          (await (
            await fetch(`${quick.baseUrl}/status`, {
              headers: { authorization: `Bearer ${quick.token}` },
            })
          ).json()) as { sessions: Array<{ id: string }> }
        ).sessions.map((s) => s.id);
      expect(await sessionIds()).toContain(id);
      await expect.poll(sessionIds, { timeout: 15_000, interval: 250 }).not.toContain(id);
      const response = await fetch(quick.httpUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${quick.token}`,
          'mcp-session-id': id ?? '',
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Session not found');
      await client.close().catch(() => undefined);
    } finally {
      await quick.stop();
    }
  });
});
