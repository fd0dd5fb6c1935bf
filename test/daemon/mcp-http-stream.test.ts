// MCP over Streamable HTTP goes through the daemon's own node:http adapter
// (daemon/server/node-streamable-http.ts). What a client notices of it: the SSE answer's headers
// come at once even while a call runs quietly (a client's fetch, and its header timeout, waits
// for them), the answer and the end of the stream follow, and a client that goes away mid-call
// cancels the call upstream.
import { request, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';

const GLM = 'glm-4.5';

function gate(): { held: Promise<void>; open(): void } {
  let open = () => {};
  const held = new Promise<void>((resolve) => (open = resolve));
  return { held, open };
}

/** One POST to /mcp; resolves on the response's headers, the body keeps streaming. */
function post(
  port: number,
  token: string,
  body: unknown,
  sessionId?: string,
): Promise<{ res: IncomingMessage; text: () => Promise<string>; abort(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        const ended = new Promise<string>((done) => res.once('end', () => done(text)));
        resolve({ res, text: () => ended, abort: () => req.destroy() });
      },
    );
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function openSession(port: number, token: string): Promise<string> {
  const init = await post(port, token, {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'stream-test', version: '1' },
    },
  });
  expect(await init.text()).toContain('"protocolVersion"');
  const id = init.res.headers['mcp-session-id'] as string;
  const initialized = await post(
    port,
    token,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    id,
  );
  expect(initialized.res.statusCode).toBe(202);
  await initialized.text();
  return id;
}

const chatCall = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'chat', arguments: { prompt: `question ${id}`, model: GLM } },
});

describe('MCP over Streamable HTTP (the node:http adapter)', () => {
  it('sends the stream headers while a call still runs, then the answer and the end', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await openSession(d.port, d.token);
    const held = gate();
    d.glm!.script({ kind: 'reply', text: 'the late answer', heldUntil: held.held });

    const call = await post(d.port, d.token, chatCall(1), session);
    // Headers are here, and the provider has not answered yet.
    expect(call.res.statusCode).toBe(200);
    expect(call.res.headers['content-type']).toBe('text/event-stream');
    await d.glm!.waitFor((g) => g.chatRequests.length === 1);
    held.open();
    const text = await call.text();
    // The answer is the stream's first event: the headers did not wait for the transport's first
    // write (its keepalive comment comes only after long silence).
    expect(text).toMatch(/^event: message\ndata: /);
    expect(text).toContain('the late answer');
    expect(text).toContain('"id":1');
  });

  it('answers a quick call in one complete stream, and a JSON error without one', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await openSession(d.port, d.token);
    const version = await post(
      d.port,
      d.token,
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'version', arguments: {} } },
      session,
    );
    const events = (await version.text()).split('\n\n').filter(Boolean);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.split('data: ')[1]!)).toMatchObject({
      id: 2,
      result: { structuredContent: { version: expect.any(String) } },
    });

    const wrongAccept = await new Promise<IncomingMessage & { body?: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: d.port,
            path: '/mcp',
            method: 'POST',
            headers: {
              authorization: `Bearer ${d.token}`,
              'content-type': 'application/json',
              accept: 'text/plain',
              'mcp-session-id': session,
            },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.once('end', () => resolve(Object.assign(res, { body })));
          },
        );
        req.once('error', reject);
        req.end(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping' }));
      },
    );
    expect(wrongAccept.statusCode).toBe(406);
    expect(wrongAccept.headers['content-length']).toBe(
      String(Buffer.byteLength(wrongAccept.body!)),
    );
    expect(JSON.parse(wrongAccept.body!)).toMatchObject({ error: { message: /Not Acceptable/ } });
  });

  it('cancels the call upstream when the client goes away mid-stream', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true, client: false });
    const session = await openSession(d.port, d.token);
    d.glm!.script({ kind: 'hang' });
    const call = await post(d.port, d.token, chatCall(4), session);
    await d.glm!.waitFor((g) => g.chatRequests.length === 1);
    call.abort();
    await d.glm!.waitFor((g) => g.chatRequests[0]?.aborted === true);
    // The session still serves.
    const ping = await post(d.port, d.token, { jsonrpc: '2.0', id: 5, method: 'ping' }, session);
    expect(await ping.text()).toContain('"id":5');
  });
});
