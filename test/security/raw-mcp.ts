// Raw MCP clients for the attack suite: frames the SDK client would never send.
import { WebSocket } from 'ws';
import type { RunningDaemon } from '../helpers/daemon.ts';

export const INIT = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'attacker', version: '1' },
  },
};

/** An initialized Streamable HTTP session; `post` sends raw text or a value as one POST. */
export async function rawHttpSession(d: RunningDaemon): Promise<{
  id: string;
  post(body: unknown, init?: { signal?: AbortSignal; raw?: boolean }): Promise<Response>;
}> {
  const headers = {
    authorization: `Bearer ${d.token}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  const init = await fetch(d.httpUrl, { method: 'POST', headers, body: JSON.stringify(INIT) });
  await init.text();
  const id = init.headers.get('mcp-session-id');
  if (!id) throw new Error(`no session id (status ${init.status})`);
  const post = (body: unknown, options: { signal?: AbortSignal; raw?: boolean } = {}) =>
    fetch(d.httpUrl, {
      method: 'POST',
      headers: { ...headers, 'mcp-session-id': id },
      body: options.raw ? (body as string) : JSON.stringify(body),
      signal: options.signal,
    });
  await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' })).text();
  return { id, post };
}

/** The JSON-RPC messages of an answer, whether it came as JSON or as an SSE stream. */
export async function rpcMessages(res: Response): Promise<Array<Record<string, unknown>>> {
  const text = await res.text();
  if (!text.trim()) return [];
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    return text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>);
  }
  const parsed = JSON.parse(text) as unknown;
  return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
}

/** An `mcp` WebSocket that keeps every message it receives. */
export async function rawMcpSocket(
  d: RunningDaemon,
): Promise<{ ws: WebSocket; received: Array<Record<string, unknown>> }> {
  const ws = new WebSocket(d.wsUrl, 'mcp', { headers: { authorization: `Bearer ${d.token}` } });
  const received: Array<Record<string, unknown>> = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received };
}
