import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeStreamableHttpTransport } from './node-streamable-http.ts';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { loadMcp } from './load-mcp.ts';
import { BodyTooLargeError, readBody, sendJson } from './http-reply.ts';
import type { ServerDeps } from './server-deps.ts';
import { checkEnvelope, requestIds } from './jsonrpc-envelope.ts';

interface HttpSession {
  transport: NodeStreamableHttpTransport;
  server: Server;
}

function rpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', id: null, error: { code, message } });
}

/**
 * MCP Streamable HTTP on /mcp: sessions by Mcp-Session-Id, ended by DELETE, or by the session
 * registry (idle timeout, disconnect from the app), which closes them through `end`.
 */
export class McpHttpEndpoint {
  private readonly sessions = new Map<string, HttpSession>();
  private readonly deps: ServerDeps;

  constructor(deps: ServerDeps) {
    this.deps = deps;
  }

  get size(): number {
    return this.sessions.size;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;

    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(await readBody(req, this.deps.config().maxBytes));
      } catch (error) {
        if (error instanceof BodyTooLargeError) return rpcError(res, 413, -32600, error.message);
        return rpcError(res, 400, -32700, `Parse error: ${(error as Error).message}`);
      }
      for (const message of Array.isArray(body) ? body : [body]) {
        const envelope = checkEnvelope(message);
        if (!envelope.ok) {
          return sendJson(res, 400, {
            jsonrpc: '2.0',
            id: envelope.id,
            error: { code: -32600, message: envelope.message },
          });
        }
      }
    }

    if (existing) {
      this.deps.sessions.touch(existing.transport.sessionId ?? '');
      this.cancelOnDisconnect(existing.transport, res, body);
      await existing.transport.handleNodeRequest(req, res, body);
      return;
    }
    if (sessionId !== undefined) {
      return rpcError(
        res,
        404,
        -32001,
        `Session not found: ${String(sessionId)} (it ended or expired; initialize a new one)`,
      );
    }
    const mcp = await loadMcp();
    if (req.method !== 'POST' || !mcp.isInitializeRequest(body)) {
      return rpcError(
        res,
        400,
        -32000,
        'Bad Request: no Mcp-Session-Id header; start with an initialize request',
      );
    }
    if (this.deps.sessions.size >= this.deps.config().maxSessions) {
      return rpcError(
        res,
        503,
        -32000,
        `Too many sessions (limit ${this.deps.config().maxSessions}); close one or raise EXAI_MAX_SESSIONS`,
      );
    }
    await this.open(req, res, body, mcp);
  }

  private async open(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    mcp: Awaited<ReturnType<typeof loadMcp>>,
  ): Promise<void> {
    const id = randomUUID();
    const session = { id, transport: 'mcp-http' as const };
    const transport = new mcp.NodeStreamableHttpTransport({
      sessionIdGenerator: () => id,
      onsessioninitialized: () => {
        this.deps.sessions.add(session, () => void this.end(id));
      },
    });
    const server = mcp.createMcpServer({ ...this.deps, session });
    this.sessions.set(id, { transport, server });
    transport.onclose = () => this.forget(id);
    await server.connect(transport);
    await transport.handleNodeRequest(req, res, body);
    // An initialize the transport refused opened no session: nothing may hold on to it.
    if (!this.deps.sessions.get(id)) await this.end(id);
  }

  /**
   * A client that closes its request before the answer has given up on it: cancel its calls, as
   * a WebSocket close does, instead of letting them hold their slots until the deadline.
   */
  private cancelOnDisconnect(
    transport: NodeStreamableHttpTransport,
    res: ServerResponse,
    body: unknown,
  ): void {
    const ids = requestIds(body);
    if (!ids.length) return;
    res.once('close', () => {
      if (res.writableFinished) return;
      for (const requestId of ids) {
        transport.onmessage?.({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId, reason: 'the HTTP client disconnected' },
        });
      }
    });
  }

  private forget(id: string): void {
    if (!this.sessions.delete(id)) return;
    this.deps.sessions.remove(id);
  }

  async end(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.forget(id);
    await entry.server.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
