import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Bridge } from '../../daemon/bridge/bridge.ts';
import type { JsonRpcMessage } from '../../daemon/bridge/jsonrpc.ts';
import { until } from '../helpers/poll.ts';

// The Bridge class against a scripted stand-in for the daemon's MCP WebSocket (loopback), so
// the relay rules can be checked message by message.

interface FakeDaemon {
  url: string;
  received: JsonRpcMessage[][];
  sockets: WebSocket[];
  close(): Promise<void>;
}

async function fakeDaemon(
  answer: (m: JsonRpcMessage, socket: WebSocket) => void,
): Promise<FakeDaemon> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'mcp' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const state: FakeDaemon = {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`,
    received: [],
    sockets: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket) => {
    const log: JsonRpcMessage[] = [];
    state.received.push(log);
    state.sockets.push(socket);
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString()) as JsonRpcMessage;
      log.push(m);
      answer(m, socket);
    });
  });
  return state;
}

const stops: Array<() => unknown> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

function start(url: string, queueWaitMs = 10_000) {
  const out: JsonRpcMessage[] = [];
  const bridge = new Bridge({
    locate: async () => ({ url, token: 'tok' }),
    write: (m) => out.push(m),
    log: () => undefined,
    queueWaitMs,
    maxBackoffMs: 200,
  });
  bridge.start();
  stops.push(() => bridge.close());
  return { bridge, out };
}

const init = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'c', version: '1' },
  },
};

describe('Bridge relay rules', () => {
  it('replays initialize and initialized after a drop, swallows the replayed answer, fails in-flight requests and then forwards the queue', async () => {
    const daemon = await fakeDaemon((m, socket) => {
      // Answers everything except "slow/op", which it never answers.
      if (m.id !== undefined && m.method !== 'slow/op')
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { echo: m.method } }));
    });
    stops.push(() => daemon.close());
    const { bridge, out } = start(daemon.url);

    bridge.fromClient(init);
    await until(() => out.length === 1, 'initialize answer');
    bridge.fromClient({ jsonrpc: '2.0', method: 'notifications/initialized' });
    bridge.fromClient({ jsonrpc: '2.0', id: 1, method: 'slow/op' });
    await until(() => daemon.received[0]?.length === 3, 'three messages upstream');
    // The initialize sent before the first connection opened went up once, not "replayed" too.
    expect(daemon.received[0]?.map((m) => m.method)).toEqual([
      'initialize',
      'notifications/initialized',
      'slow/op',
    ]);

    daemon.sockets[0]!.terminate();
    await until(() => out.length === 2, 'the in-flight error');
    expect(out[1]).toMatchObject({
      id: 1,
      error: { code: -32000, message: expect.stringMatching(/slow\/op was in flight/) },
    });

    // Sent while reconnecting: queued, then delivered after the replayed handshake.
    bridge.fromClient({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await until(() => out.length === 3, 'the queued request answered');
    expect(out[2]).toEqual({ jsonrpc: '2.0', id: 2, result: { echo: 'tools/list' } });
    expect(daemon.received[1]?.map((m) => m.method)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
    ]);
    expect(daemon.received[1]?.[0]).toEqual(init);
    // The replayed initialize's answer never reached the client a second time.
    expect(out.filter((m) => m.id === 0)).toHaveLength(1);
  });

  it('drops a queued request the client cancels: once a daemon is up it is never sent, and the next one is answered', async () => {
    // Nothing listens at first, so both requests queue; then a daemon comes up at the same address.
    let url = 'ws://127.0.0.1:9/';
    const out: JsonRpcMessage[] = [];
    const bridge = new Bridge({
      locate: async () => ({ url, token: 'tok' }),
      write: (m) => out.push(m),
      log: () => undefined,
      queueWaitMs: 10_000,
      maxBackoffMs: 100,
    });
    bridge.start();
    stops.push(() => bridge.close());
    bridge.fromClient({ jsonrpc: '2.0', id: 5, method: 'tools/call' });
    bridge.fromClient({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 5 },
    });
    bridge.fromClient({ jsonrpc: '2.0', id: 6, method: 'tools/list' });

    const daemon = await fakeDaemon((m, socket) => {
      if (m.id !== undefined)
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { echo: m.method } }));
    });
    stops.push(() => daemon.close());
    url = daemon.url;
    await until(() => out.some((m) => m.id === 6), 'the queued tools/list answered');
    expect(out).toEqual([{ jsonrpc: '2.0', id: 6, result: { echo: 'tools/list' } }]);
    // The cancelled request and its cancellation never went upstream: only the live request did.
    expect(daemon.received.flat().map((m) => m.id ?? m.method)).toEqual([6]);
  });

  it('caps the reconnect backoff at maxBackoffMs however long the daemon stays away', async () => {
    const logs: string[] = [];
    const bridge = new Bridge({
      locate: async () => {
        throw new Error('no daemon here');
      },
      write: () => undefined,
      log: (m) => logs.push(m),
      maxBackoffMs: 200,
    });
    bridge.start();
    stops.push(() => bridge.close());
    const delays = () => logs.flatMap((l) => /retrying in (\d+)ms/.exec(l)?.[1] ?? []).map(Number);
    // Attempts 0 and 5 are logged; uncapped, attempt 5 would wait 3.2 s ± 25 %.
    await until(() => delays().length >= 2, 'two logged retries');
    expect(delays()[0]).toBeLessThanOrEqual(125);
    for (const delay of delays().slice(1)) expect(delay).toBeLessThanOrEqual(250);
  });

  it('answers a queued request with an error once it has waited too long', async () => {
    const { bridge, out } = start('ws://127.0.0.1:9/', 300);
    bridge.fromClient({ jsonrpc: '2.0', id: 'a', method: 'tools/list' });
    await until(() => out.length === 1, 'the timeout error');
    expect(out[0]).toMatchObject({
      id: 'a',
      error: { code: -32000, message: expect.stringMatching(/no EXAI daemon reachable/) },
    });
  });

  it("relays the daemon's own requests and the client's answers to them, but not answers meant for a dead connection", async () => {
    const daemon = await fakeDaemon((m, socket) => {
      if (m.method === 'initialize')
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {} }));
    });
    stops.push(() => daemon.close());
    const { bridge, out } = start(daemon.url);
    bridge.fromClient(init);
    await until(() => out.length === 1, 'initialize answer');
    daemon.sockets[0]!.send(JSON.stringify({ jsonrpc: '2.0', id: 'srv-1', method: 'roots/list' }));
    daemon.sockets[0]!.send(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 1, progress: 1 },
      }),
    );
    await until(() => out.length === 3, 'server request and notification relayed');
    bridge.fromClient({ jsonrpc: '2.0', id: 'srv-1', result: { roots: [] } });
    await until(
      () => daemon.received[0]?.some((m) => m.id === 'srv-1') ?? false,
      'the answer upstream',
    );

    daemon.sockets[0]!.send(JSON.stringify({ jsonrpc: '2.0', id: 'srv-2', method: 'roots/list' }));
    await until(() => out.length === 4, 'second server request');
    daemon.sockets[0]!.terminate();
    await until(
      () => daemon.received.length === 2 && daemon.received[1]!.length >= 1,
      'reconnected',
    );
    bridge.fromClient({ jsonrpc: '2.0', id: 'srv-2', result: { roots: [] } });
    // Anything sent after it arrives after it: once this request is upstream, srv-2 would be too.
    bridge.fromClient({ jsonrpc: '2.0', id: 'after', method: 'tools/list' });
    await until(
      () => daemon.received[1]?.some((m) => m.id === 'after'),
      'the next request upstream',
    );
    expect(daemon.received[1]?.some((m) => m.id === 'srv-2')).toBe(false);
  });
});
