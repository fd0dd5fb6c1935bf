import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { op: string };

/** A raw `ws` client speaking the legacy ops, recording every frame it receives. */
export class LegacyClient {
  readonly frames: Frame[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.socket.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(wsUrl: string): Promise<LegacyClient> {
    const client = new LegacyClient(wsUrl);
    await client.opened;
    return client;
  }

  /** Connects and says hello; throws unless the hello is accepted. */
  static async session(
    wsUrl: string,
    token: string,
    sessionId?: string,
  ): Promise<{ client: LegacyClient; sessionId: string }> {
    const client = await LegacyClient.connect(wsUrl);
    client.send({ op: 'hello', token, ...(sessionId ? { session_id: sessionId } : {}) });
    const ack = await client.next((f) => f.op === 'hello_ack');
    if (ack.ok !== true) throw new Error(`hello refused: ${JSON.stringify(ack)}`);
    return { client, sessionId: ack.session_id as string };
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (received so far or later) matching `pred`. */
  async next(pred: (f: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(pred);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`socket closed; frames: ${JSON.stringify(this.frames)}`);
      if (Date.now() > deadline)
        throw new Error(
          `no matching frame within ${timeoutMs}ms; frames: ${JSON.stringify(this.frames)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  result(requestId: unknown, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.op === 'call_tool_res' && f.request_id === requestId, timeoutMs);
  }

  all(pred: (f: Frame) => boolean): Frame[] {
    return this.frames.filter(pred);
  }

  close(): Promise<{ code: number; reason: string }> {
    if (
      this.socket.readyState === WebSocket.OPEN ||
      this.socket.readyState === WebSocket.CONNECTING
    )
      this.socket.close();
    return this.closed;
  }
}
