import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { WebSocketServerTransport } from './ws-transport.ts';
import { createMcpServer } from './mcp-server-factory.ts';
import type { ServerDeps } from './server-deps.ts';

/** One accepted `mcp` WebSocket: its own SDK Server over the daemon's one McpSurface and runner. */
export async function serveMcpWebSocket(
  socket: WebSocket,
  deps: ServerDeps,
  kind: 'mcp-ws' | 'bridge' = 'mcp-ws',
): Promise<void> {
  const session = { id: randomUUID(), transport: kind };
  const transport = new WebSocketServerTransport(socket);
  const server = createMcpServer({ ...deps, session });
  deps.sessions.add(session, (code, reason) => void transport.close(code, reason));
  transport.onactivity = () => deps.sessions.touch(session.id);
  socket.once('close', () => {
    deps.sessions.remove(session.id);
    void server.close().catch(() => undefined);
  });
  await server.connect(transport);
}
