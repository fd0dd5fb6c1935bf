import type { WebSocket } from 'ws';
import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { checkEnvelope } from './jsonrpc-envelope.ts';

/**
 * The SDK's Transport over a `ws` server socket: one JSON-RPC message per text frame, the
 * counterpart of the SDK's own WebSocketClientTransport. A bad frame gets a JSON-RPC error on
 * the same socket and the connection keeps working.
 */
export class WebSocketServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  /** Called for every frame, good or bad, so the session can track activity. */
  onactivity?: () => void;
  private closed = false;
  private readonly socket: WebSocket;

  constructor(socket: WebSocket) {
    this.socket = socket;
  }

  async start(): Promise<void> {
    this.socket.on('message', (data, isBinary) => this.receive(data.toString(), isBinary));
    this.socket.on('close', () => this.finish());
    this.socket.on('error', (error) => this.onerror?.(error));
  }

  private receive(text: string, isBinary: boolean): void {
    this.onactivity?.();
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not supported; send JSON text frames');
      parsed = JSON.parse(text);
    } catch (error) {
      this.reply({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: `Parse error: ${(error as Error).message}` },
      });
      return;
    }
    const envelope = checkEnvelope(parsed);
    if (!envelope.ok) {
      this.reply({
        jsonrpc: '2.0',
        id: envelope.id,
        error: { code: -32600, message: envelope.message },
      });
      return;
    }
    this.onmessage?.(envelope.message);
  }

  private reply(payload: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(payload));
  }

  send(message: JSONRPCMessage, _options?: TransportSendOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) {
        reject(new Error('WebSocket is not open'));
        return;
      }
      this.socket.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(code = 1000, reason = 'closing'): Promise<void> {
    if (
      this.socket.readyState === this.socket.OPEN ||
      this.socket.readyState === this.socket.CONNECTING
    ) {
      this.socket.close(code, reason);
    }
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
