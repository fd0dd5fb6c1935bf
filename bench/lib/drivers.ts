import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { WsRpcClient } from './rpc-client.ts';
import { HttpClient, rpcAnswerOf } from './http-client.ts';

/** One client connection that can make the trivial call, whatever the transport. */
export interface Conn {
  call(): Promise<void>;
  close(): void;
}

export interface Driver {
  name: string;
  open(): Promise<Conn>;
  /** Size in bytes of one answer frame, to size the echo baseline alike. */
  answerBytes?: number;
}

const VERSION_CALL = { name: 'version', arguments: {} };

function assertOk(msg: Record<string, unknown>): void {
  const result = msg.result as { isError?: boolean } | undefined;
  if (msg.error || result?.isError)
    throw new Error(`call failed: ${JSON.stringify(msg).slice(0, 300)}`);
}

export function echoDriver(port: number): Driver {
  return {
    name: 'ws echo (baseline)',
    async open() {
      const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/`);
      return {
        call: async () => void (await c.request('tools/call', VERSION_CALL)),
        close: () => c.close(),
      };
    },
  };
}

export function mcpWsDriver(port: number, token: string, name = 'MCP over WebSocket'): Driver {
  return {
    name,
    async open() {
      const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/?token=${token}`, 'mcp');
      await c.initialize();
      return {
        call: async () => assertOk(await c.request('tools/call', VERSION_CALL)),
        close: () => c.close(),
      };
    },
  };
}

export function supergatewayDriver(port: number): Driver {
  return {
    name: 'supergateway, WebSocket (peer)',
    async open() {
      const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/message`);
      await c.initialize();
      return {
        call: async () => assertOk(await c.request('tools/call', VERSION_CALL)),
        close: () => c.close(),
      };
    },
  };
}

/** An MCP client over Streamable HTTP, as Claude Code, Cursor and VS Code speak it. */
export function streamableHttpDriver(
  name: string,
  url: string,
  extraHeaders: Record<string, string> = {},
): Driver {
  const headers = {
    ...extraHeaders,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  return {
    name,
    async open() {
      const http = new HttpClient(url);
      const post = async (sessionId: string | undefined, body: unknown) => {
        const res = await http.send(
          'POST',
          sessionId
            ? { ...headers, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' }
            : headers,
          JSON.stringify(body),
        );
        return { res, msg: res.status === 202 ? {} : rpcAnswerOf(res.text) };
      };
      const { res, msg } = await post(undefined, {
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'exai-bench', version: '1' },
        },
      });
      const sessionId = res.headers['mcp-session-id'];
      if (typeof sessionId !== 'string')
        throw new Error(
          `${name}: initialize gave no session (${res.status} ${JSON.stringify(msg).slice(0, 200)})`,
        );
      await post(sessionId, { jsonrpc: '2.0', method: 'notifications/initialized' });
      let id = 1;
      return {
        call: async () =>
          assertOk(
            (
              await post(sessionId, {
                jsonrpc: '2.0',
                id: id++,
                method: 'tools/call',
                params: VERSION_CALL,
              })
            ).msg,
          ),
        close: () =>
          void http
            .send('DELETE', { ...headers, 'mcp-session-id': sessionId })
            .catch(() => undefined)
            .finally(() => http.close()),
      };
    },
  };
}

export function mcpHttpDriver(port: number, token: string): Driver {
  return streamableHttpDriver('MCP over HTTP', `http://127.0.0.1:${port}/mcp`, {
    authorization: `Bearer ${token}`,
  });
}

export function supergatewayHttpDriver(port: number): Driver {
  return streamableHttpDriver('supergateway, HTTP (peer)', `http://127.0.0.1:${port}/mcp`);
}

/** The same JSON-RPC POST against the bare node:http echo. */
export function httpEchoDriver(port: number): Driver {
  return {
    name: 'node:http echo (baseline)',
    async open() {
      const http = new HttpClient(`http://127.0.0.1:${port}/`);
      let id = 1;
      const headers = { 'content-type': 'application/json' };
      return {
        call: async () => {
          const answer = rpcAnswerOf(
            (
              await http.send(
                'POST',
                headers,
                JSON.stringify({
                  jsonrpc: '2.0',
                  id: id++,
                  method: 'tools/call',
                  params: VERSION_CALL,
                }),
              )
            ).text,
          );
          if (!answer.result) throw new Error('echo gave no result');
        },
        close: () => http.close(),
      };
    },
  };
}

export function legacyDriver(port: number, token: string): Driver {
  return {
    name: 'legacy EX-AI protocol',
    async open() {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const pending = new Map<string, (m: Record<string, unknown>) => void>();
      const helloAck = new Promise<Record<string, unknown>>((resolve) =>
        ws.once('message', (d) => resolve(JSON.parse(d.toString()))),
      );
      ws.send(JSON.stringify({ op: 'hello', token }));
      const ack = await helloAck;
      if (!ack.ok) throw new Error(`legacy hello refused: ${JSON.stringify(ack)}`);
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as Record<string, unknown>;
        if (m.op === 'call_tool_res') pending.get(m.request_id as string)?.(m);
      });
      let n = 0;
      return {
        call: () =>
          new Promise<void>((resolve, reject) => {
            const requestId = `b${n++}`;
            pending.set(requestId, (m) => {
              pending.delete(requestId);
              if (m.error) reject(new Error(JSON.stringify(m.error)));
              else resolve();
            });
            ws.send(
              JSON.stringify({
                op: 'call_tool',
                request_id: requestId,
                name: 'version',
                arguments: {},
              }),
            );
          }),
        close: () => ws.close(),
      };
    },
  };
}

/** `exai bridge` as Claude Desktop runs it: JSON lines over the bridge's stdin/stdout. */
export function bridgeDriver(
  entry: string,
  port: number,
  token: string,
  env: NodeJS.ProcessEnv,
): Driver & { children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  return {
    name: 'exai bridge (stdio)',
    children,
    async open() {
      const child = spawn(
        process.execPath,
        [entry, 'bridge', '--url', `ws://127.0.0.1:${port}/`, '--token', token, '--no-autostart'],
        { env, stdio: ['pipe', 'pipe', 'ignore'] },
      );
      children.push(child);
      const pending = new Map<number, (m: Record<string, unknown>) => void>();
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = JSON.parse(line) as Record<string, unknown>;
        if (typeof m.id === 'number') pending.get(m.id)?.(m);
      });
      let id = 1;
      const request = (method: string, params: unknown) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const myId = id++;
          pending.set(myId, (m) => {
            pending.delete(myId);
            resolve(m);
          });
          child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id: myId, method, params })}\n`);
        });
      await request('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'exai-bench', version: '1' },
      });
      child.stdin!.write(
        `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
      );
      return {
        call: async () => assertOk(await request('tools/call', VERSION_CALL)),
        close: () => {
          child.stdin!.end();
        },
      };
    },
  };
}
