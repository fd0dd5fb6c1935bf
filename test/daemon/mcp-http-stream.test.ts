// MCP over Streamable HTTP goes through the daemon's own node:http adapter
// (daemon/server/node-streamable-http.ts). What a client notices of it: the SSE answer's headers
// come at once even while a call runs quietly (a client's fetch, and its header timeout, waits
// for them), the answer and the end of the stream follow, errors come as JSON with their length,
// and a client that goes away mid-call cancels the call upstream.
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';
import { gate } from '../fixtures/fake-provider.ts';
import { rawHttpSession, rpcMessages } from '../security/raw-mcp.ts';

const GLM = 'glm-4.5';

const chatCall = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'chat', arguments: { prompt: `question ${id}`, model: GLM } },
});

describe('MCP over Streamable HTTP (the node:http adapter)', () => {
  it('sends the stream headers while a call still runs, then the answer and the end', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await rawHttpSession(d);
    const held = gate();
    d.glm!.script({ kind: 'reply', text: 'the late answer', heldUntil: held.held });

    // fetch resolves on the headers: here they are, and the provider has not answered yet.
    const res = await session.post(chatCall(1));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    await d.glm!.waitFor((g) => g.chatRequests.length === 1);
    held.open();
    const text = await res.clone().text();
    // The answer is the stream's first event: the headers did not wait for the transport's first
    // write (its keepalive comment comes only after long silence).
    expect(text).toMatch(/^event: message\ndata: /);
    const [answer] = await rpcMessages(res);
    expect(answer).toMatchObject({
      id: 1,
      result: { content: expect.arrayContaining([{ type: 'text', text: 'the late answer' }]) },
    });
  });

  it('answers a quick call in one complete event, and an error as JSON with its length', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await rawHttpSession(d);
    const version = await rpcMessages(
      await session.post({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'version', arguments: {} },
      }),
    );
    expect(version).toHaveLength(1);
    expect(version[0]).toMatchObject({
      id: 2,
      result: { structuredContent: { version: expect.any(String) } },
    });

    const wrongAccept = await fetch(d.httpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${d.token}`,
        'content-type': 'application/json',
        accept: 'text/plain',
        'mcp-session-id': session.id,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping' }),
    });
    const body = await wrongAccept.text();
    expect(wrongAccept.status).toBe(406);
    expect(wrongAccept.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(JSON.parse(body)).toMatchObject({ error: { message: /Not Acceptable/ } });
  });

  it('cancels the call upstream when the client goes away mid-stream', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await rawHttpSession(d);
    d.glm!.script({ kind: 'hang' });
    const controller = new AbortController();
    const res = await session.post(chatCall(4), { signal: controller.signal });
    expect(res.status).toBe(200);
    await d.glm!.waitFor((g) => g.chatRequests.length === 1);
    controller.abort();
    await d.glm!.waitFor((g) => g.chatRequests[0]?.aborted === true);
    // The session still serves.
    const ping = await rpcMessages(await session.post({ jsonrpc: '2.0', id: 5, method: 'ping' }));
    expect(ping[0]).toMatchObject({ id: 5, result: {} });
  });
});
