import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { checkRequest, type GuardOptions } from './guard.ts';
import { refuseUpgrade, sendJson, sendText } from './http-reply.ts';
import { createServer } from './node-http.ts';
import { McpHttpEndpoint } from './mcp-http.ts';
import { loadMcp } from './load-mcp.ts';
import type { ServerDeps } from './server-deps.ts';

export interface HttpRoutes {
  health(): unknown;
  status(): unknown;
  metrics(): Promise<{ contentType: string; text: string }>;
  /** Extra token-protected routes (e.g. POST /providers/kimi/test), checked after the built-ins. */
  extra?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** WebSockets that do not offer subprotocol `mcp` (the legacy EX-AI protocol). */
  legacy?(socket: WebSocket, req: IncomingMessage): void;
  /** Connections not in the session registry yet that still take a place (legacy before hello). */
  waitingSessions?(): number;
}

const WS_CLOSE_POLICY = 1008;
const WS_CLOSE_TRY_AGAIN_LATER = 1013;

/** One HTTP server for everything: /healthz, /metrics, /status, /mcp and WebSocket upgrades on /. */
export class DaemonHttpServer {
  readonly server: Server;
  readonly mcpHttp: McpHttpEndpoint;
  /** Made with the first WebSocket (see webSocketServer). */
  private wss: WebSocketServer | undefined;
  private wssLoading: Promise<WebSocketServer> | undefined;
  private readonly deps: ServerDeps;
  private readonly guard: GuardOptions;
  private readonly routes: HttpRoutes;
  private accepting = true;

  constructor(deps: ServerDeps, guard: GuardOptions, routes: HttpRoutes) {
    this.deps = deps;
    this.guard = guard;
    this.routes = routes;
    this.mcpHttp = new McpHttpEndpoint(deps);
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        deps.logger.error({ err: error, path: req.url }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
    });
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server.on('clientError', (_error, socket) => socket.destroy());
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stop taking new connections; existing ones are closed by the daemon's shutdown sequence. */
  stopAccepting(): void {
    this.accepting = false;
    this.server.close();
  }

  /** Every open WebSocket, so shutdown can close each with a proper code. */
  sockets(): Set<WebSocket> {
    return this.wss?.clients ?? new Set();
  }

  /**
   * `ws` (and the tls, https and zlib it loads) comes with the first WebSocket, not at start:
   * about 4.5 MB of RSS and 10 ms of start-up that a daemon no WebSocket client reached does not need.
   */
  private webSocketServer(): Promise<WebSocketServer> {
    return (this.wssLoading ??= import('ws').then(
      ({ WebSocketServer }) =>
        (this.wss = new WebSocketServer({
          noServer: true,
          maxPayload: this.deps.config().maxBytes,
          perMessageDeflate: false,
          handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false),
        })),
    ));
  }

  async close(): Promise<void> {
    this.stopAccepting();
    await this.mcpHttp.closeAll();
    for (const socket of this.sockets()) socket.terminate();
    this.server.closeAllConnections();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isHealth = url.pathname === '/healthz' && req.method === 'GET';
    const verdict = checkRequest(req, this.guard, !isHealth);
    if (!verdict.ok) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendText(res, verdict.status, `${verdict.reason}\n`);
    }
    if (!this.accepting) return sendText(res, 503, 'daemon is shutting down\n');
    if (isHealth) return sendJson(res, 200, this.routes.health(), { 'cache-control': 'no-store' });
    if (url.pathname === '/metrics' && req.method === 'GET') {
      const { contentType, text } = await this.routes.metrics();
      return sendText(res, 200, text, contentType);
    }
    if (url.pathname === '/status' && req.method === 'GET')
      return sendJson(res, 200, this.routes.status());
    if (url.pathname === '/mcp') return this.mcpHttp.handle(req, res);
    if (this.routes.extra && (await this.routes.extra(req, res, url))) return;
    sendText(
      res,
      404,
      `no route for ${req.method} ${url.pathname}; MCP is at ws://…/ and http://…/mcp\n`,
    );
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands the socket over with no error listener: a client that resets it while it is
    // refused, or while ws loads, must not become the daemon's uncaught exception.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/')
      return refuseUpgrade(socket, 404, `WebSockets are served on /, not ${url.pathname}`);
    if (!this.accepting) return refuseUpgrade(socket, 503, 'daemon is shutting down');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const isMcp = offered.includes('mcp');
    // The legacy protocol authenticates in its hello frame; MCP must pass the token up front.
    const verdict = checkRequest(req, this.guard, isMcp, true);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    if (this.wss) return this.upgrade(this.wss, req, socket, head, isMcp);
    this.webSocketServer().then(
      (wss) => {
        if (!this.accepting) return refuseUpgrade(socket, 503, 'daemon is shutting down');
        this.upgrade(wss, req, socket, head, isMcp);
      },
      (error: unknown) => {
        this.deps.logger.error({ err: error }, 'could not load the WebSocket server');
        refuseUpgrade(socket, 500, 'internal error');
      },
    );
  }

  private upgrade(
    wss: WebSocketServer,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    isMcp: boolean,
  ): void {
    const config = this.deps.config();
    const full =
      this.deps.sessions.size + (this.routes.waitingSessions?.() ?? 0) >= config.maxSessions;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Refused after the upgrade, so the client sees a close code and a reason it can show,
      // not a bare HTTP 503 that WebSocket libraries report as "unexpected server response".
      if (full) {
        ws.close(
          WS_CLOSE_TRY_AGAIN_LATER,
          `too many sessions (limit ${config.maxSessions}); close one or raise EXAI_MAX_SESSIONS`,
        );
      } else if (isMcp) {
        // `exai bridge` says so, so the dashboard can tell stdio clients from direct ones.
        const kind = req.headers['x-exai-transport'] === 'bridge' ? 'bridge' : 'mcp-ws';
        // Nothing is read from the socket until its session listens (the SDK may still be loading).
        ws.pause();
        loadMcp()
          .then(({ serveMcpWebSocket }) => {
            if (ws.readyState !== ws.OPEN) return;
            const serving = serveMcpWebSocket(ws, this.deps, kind);
            ws.resume();
            return serving;
          })
          .catch((error: unknown) => {
            this.deps.logger.error({ err: error }, 'MCP WebSocket session failed to start');
            ws.close(1011, 'session failed to start');
          });
      } else if (this.routes.legacy) {
        this.routes.legacy(ws, req);
      } else {
        ws.close(WS_CLOSE_POLICY, 'subprotocol "mcp" required');
      }
    });
  }
}
