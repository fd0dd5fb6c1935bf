import { WebSocket } from 'ws';

/**
 * A minimal JSON-RPC-over-WebSocket client: the same few lines drive our daemon, the
 * supergateway peer and (with `echo`) the raw ws baseline, so every figure measures the server.
 */
export class WsRpcClient {
  private readonly pending = new Map<number, (msg: Record<string, unknown>) => void>();
  private nextId = 1;
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
        resolve(msg);
      } else {
        this.onNotification?.(msg);
      }
    });
  }

  static connect(url: string, protocol?: string, headers?: Record<string, string>): Promise<WsRpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocol ? [protocol] : [], { headers, perMessageDeflate: false });
      ws.once('open', () => resolve(new WsRpcClient(ws)));
      ws.once('error', reject);
    });
  }

  request(method: string, params: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  notify(method: string, params: unknown): void {
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  async initialize(): Promise<void> {
    await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'exai-bench', version: '1' } });
    this.notify('notifications/initialized', {});
  }

  close(): void {
    this.ws.close();
  }
}
