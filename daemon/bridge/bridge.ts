import WebSocket, { type RawData } from 'ws';
import type { DaemonTarget } from './locate-daemon.ts';
import {
  BRIDGE_ERROR,
  errorResponse,
  isNotification,
  isRequest,
  isResponse,
  parseLine,
  type JsonRpcId,
  type JsonRpcMessage,
} from './jsonrpc.ts';

export interface BridgeOptions {
  /** Finds (or starts) the daemon; throws with a reason a user can act on when there is none. */
  locate(): Promise<DaemonTarget>;
  /** One message to the stdio client (stdout). */
  write(message: JsonRpcMessage): void;
  /** Diagnostics (stderr). */
  log(message: string): void;
  /** How long a request may wait for a connection before it is answered with an error. */
  queueWaitMs?: number;
  maxBackoffMs?: number;
}

interface Queued {
  message: JsonRpcMessage;
  at: number;
}

/**
 * stdio ⇄ the daemon's MCP WebSocket. Messages pass through untouched; the bridge only keeps
 * what it needs to survive a dropped connection: the client's initialize (replayed on the new
 * connection), the requests in flight (each failed with a clear error, never left unanswered)
 * and the messages sent while reconnecting (queued for a bounded time).
 */
export class Bridge {
  private readonly options: BridgeOptions;
  private ws: WebSocket | undefined;
  /** The connection is open and, after a reconnect, the handshake has been replayed. */
  private ready = false;
  private initialize: JsonRpcMessage | undefined;
  /** The client's initialize reached a daemon, so a new connection must get it replayed. */
  private initializeForwarded = false;
  private clientInitialized = false;
  private replayId: JsonRpcId | undefined;
  private initializedSent = false;
  private readonly inflight = new Map<JsonRpcId, string>();
  private readonly serverRequests = new Set<JsonRpcId>();
  private queue: Queued[] = [];
  private attempts = 0;
  private lastProblem = 'still connecting';
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(options: BridgeOptions) {
    this.options = options;
    this.sweepTimer = setInterval(() => this.sweepQueue(), 250);
  }

  start(): void {
    void this.connect();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, 'stdio client went away');
  }

  fromClient(message: JsonRpcMessage): void {
    if (isRequest(message)) {
      if (message.method === 'initialize') {
        this.initialize = message;
        this.initializeForwarded = false;
        this.clientInitialized = false;
      }
    } else if (isNotification(message)) {
      if (message.method === 'notifications/initialized') this.clientInitialized = true;
      if (message.method === 'notifications/cancelled' && this.cancelQueued(message)) return;
    } else if (isResponse(message)) {
      // An answer to a request of a connection that is gone means nothing to the new one.
      if (!this.ready || !this.serverRequests.delete(message.id)) return;
    }
    if (this.ready) this.forward(message);
    else this.queue.push({ message, at: Date.now() });
  }

  private cancelQueued(cancel: JsonRpcMessage): boolean {
    const target = (cancel.params as { requestId?: unknown } | undefined)?.requestId;
    const index = this.queue.findIndex((q) => isRequest(q.message) && q.message.id === target);
    if (index === -1) return false;
    this.queue.splice(index, 1); // never sent, so nothing to cancel upstream and nothing to answer
    return true;
  }

  private forward(message: JsonRpcMessage): void {
    if (isNotification(message) && message.method === 'notifications/initialized') {
      if (this.initializedSent) return;
      this.initializedSent = true;
    }
    if (isRequest(message)) {
      this.inflight.set(message.id, message.method);
      if (message.method === 'initialize') this.initializeForwarded = true;
    }
    this.ws?.send(JSON.stringify(message));
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let target: DaemonTarget;
    try {
      target = await this.options.locate();
    } catch (error) {
      this.retry((error as Error).message);
      return;
    }
    if (this.closed) return;
    const ws = new WebSocket(target.url, 'mcp', {
      headers: {
        'x-exai-transport': 'bridge',
        ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
      },
      perMessageDeflate: false,
      handshakeTimeout: 5_000,
    });
    this.ws = ws;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data) => this.fromDaemon(ws, data));
    ws.on('unexpected-response', (req, res) => {
      req.destroy();
      this.onDrop(
        ws,
        `the daemon at ${target.url} refused the connection (HTTP ${res.statusCode}${res.statusCode === 401 ? ': wrong or missing token' : ''})`,
      );
    });
    ws.on('error', (error) =>
      this.onDrop(ws, `cannot reach the daemon at ${target.url}: ${error.message}`),
    );
    ws.on('close', (code, reason) =>
      this.onDrop(
        ws,
        `the connection to the daemon closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
      ),
    );
  }

  private onOpen(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.initializedSent = false;
    if (this.initialize && this.initializeForwarded) {
      // A reconnect: the new daemon session needs the client's handshake before anything else.
      this.replayId = this.initialize.id as JsonRpcId;
      ws.send(JSON.stringify(this.initialize));
      return;
    }
    this.markReady();
  }

  private markReady(): void {
    this.ready = true;
    this.attempts = 0;
    this.options.log('connected to the EXAI daemon');
    const queued = this.queue;
    this.queue = [];
    for (const { message } of queued) this.forward(message);
  }

  private fromDaemon(ws: WebSocket, data: RawData): void {
    if (ws !== this.ws) return;
    const message = parseLine(data.toString());
    if (!message) {
      this.options.log('ignored a frame from the daemon that is not a JSON object');
      return;
    }
    if (isResponse(message) && this.replayId !== undefined && message.id === this.replayId) {
      this.replayId = undefined;
      if ('error' in message)
        this.options.log(
          `the daemon refused the replayed initialize: ${JSON.stringify(message.error)}`,
        );
      if (this.clientInitialized)
        this.forward({ jsonrpc: '2.0', method: 'notifications/initialized' });
      this.markReady();
      return;
    }
    if (isResponse(message)) this.inflight.delete(message.id);
    else if (isRequest(message)) this.serverRequests.add(message.id);
    this.options.write(message);
  }

  private onDrop(ws: WebSocket, problem: string): void {
    if (ws !== this.ws) return;
    this.ws = undefined;
    ws.removeAllListeners();
    ws.on('error', () => undefined);
    ws.terminate();
    const wasReady = this.ready;
    this.ready = false;
    this.replayId = undefined;
    this.serverRequests.clear();
    for (const [id, method] of this.inflight) {
      this.options.write(
        errorResponse(
          id,
          BRIDGE_ERROR,
          `EXAI bridge: the connection to the EXAI daemon was lost while ${method} was in flight (${problem}); it may not have completed. Retry it: the bridge is reconnecting.`,
        ),
      );
    }
    this.inflight.clear();
    if (this.closed) return;
    if (wasReady) this.options.log(`${problem}; reconnecting`);
    this.retry(problem);
  }

  private retry(problem: string): void {
    if (this.closed) return;
    this.lastProblem = problem;
    const max = this.options.maxBackoffMs ?? 5_000;
    const delay = Math.min(max, 100 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    if (this.attempts === 0 || this.attempts % 5 === 0)
      this.options.log(`${problem}; retrying in ${Math.round(delay)}ms`);
    this.attempts += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /** Requests that waited too long for a connection get an error instead of silence. */
  private sweepQueue(): void {
    const limit = Date.now() - (this.options.queueWaitMs ?? 30_000);
    const expired = this.queue.filter((q) => q.at < limit);
    if (!expired.length) return;
    this.queue = this.queue.filter((q) => q.at >= limit);
    for (const { message } of expired) {
      if (!isRequest(message)) continue;
      this.options.write(
        errorResponse(
          message.id,
          BRIDGE_ERROR,
          `EXAI bridge: no EXAI daemon reachable (${this.lastProblem}). Start the EXAI app or run "exai daemon".`,
        ),
      );
    }
  }
}
