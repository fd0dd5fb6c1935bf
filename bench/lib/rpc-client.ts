import { WebSocket } from 'ws';

/**
 * A minimal JSON-RPC-over-WebSocket client: the same few lines drive our daemon, the
 * supergateway peer and (with `echo`) the raw ws baseline, so every figure measures the server.
 */
export class WsRpcClient {
  private readonly pending = new Map<number, (msg: Record<string, unknown>) => void>();
  /** Ids already answered (or given up on): a second answer to one of them is a duplicate. */
  private readonly settled = new Set<number>();
  private nextId = 1;
  /** Answers to an id that was already answered or given up on. */
  duplicateAnswers = 0;
  onNotification?: (msg: Record<string, unknown>) => void;
  private readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      const id = msg.id as number | undefined;
      const resolve = id !== undefined ? this.pending.get(id) : undefined;
      if (resolve) {
        this.pending.delete(id!);
        this.settled.add(id!);
        resolve(msg);
      } else if (id !== undefined && this.settled.has(id) && !('method' in msg)) {
        this.duplicateAnswers += 1;
      } else {
        this.onNotification?.(msg);
      }
    });
  }

  static connect(
    url: string,
    protocol?: string,
    headers?: Record<string, string>,
  ): Promise<WsRpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocol ? [protocol] : [], {
        headers,
        perMessageDeflate: false,
      });
      ws.once('open', () => resolve(new WsRpcClient(ws)));
      ws.once('error', reject);
    });
  }

  /** The id of the request sent last (to cancel it). */
  get lastRequestId(): number {
    return this.nextId - 1;
  }

  request(method: string, params: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Like request, but an answer that has not come within `timeoutMs` counts as lost. */
  requestWithin(
    method: string,
    params: unknown,
    timeoutMs: number,
  ): Promise<Record<string, unknown> | 'lost'> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.settled.add(id);
        resolve('lost');
      }, timeoutMs);
      this.pending.set(id, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  notify(method: string, params: unknown): void {
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  async initialize(): Promise<void> {
    await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'exai-bench', version: '1' },
    });
    this.notify('notifications/initialized', {});
  }

  close(): void {
    this.ws.close();
  }
}
