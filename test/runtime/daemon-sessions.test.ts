// Sessions and the app's status view end to end: GET /status, the fork-IPC status feed,
// disconnect-session, max sessions and the idle timeout.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { StatusSnapshot } from '../../daemon/parent/status.ts';
import { connectMcpHttp, type RunningDaemon, startDaemon } from '../helpers/daemon.ts';
import { until } from '../helpers/poll.ts';

const KIMI = 'kimi-k2-0905-preview';

async function status(d: RunningDaemon): Promise<StatusSnapshot> {
  const res = await fetch(`${d.baseUrl}/status`, {
    headers: { authorization: `Bearer ${d.token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as StatusSnapshot;
}

/** A raw `mcp` WebSocket that initializes as `name`, so the test can see its close code. */
async function rawMcp(
  d: RunningDaemon,
  name: string,
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${d.wsUrl}?token=${d.token}`, 'mcp');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('close', () => resolve());
  });
  if (ws.readyState === ws.OPEN) {
    const answered = new Promise((resolve) => ws.once('message', resolve));
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name, version: '9.9.9' },
        },
      }),
    );
    await Promise.race([answered, closed]);
    if (ws.readyState === ws.OPEN)
      ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  }
  return { ws, closed };
}

describe('session registry and GET /status', () => {
  it('lists every WebSocket and HTTP session with client, times, in-flight calls and counts', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const { client: httpClient } = await connectMcpHttp(rig.d, 'http-client');
    rig.kimi.script({ kind: 'reply', text: 'slow', latencyMs: 800 });
    const slow = rig.call('chat', { prompt: 'slow one', model: KIMI });
    const during = await until(async () => {
      const s = await status(rig.d);
      return s.sessions.find((x) => x.inflight.length > 0) ? s : undefined;
    });
    const ws = during.sessions.find((s) => s.transport === 'mcp-ws')!;
    expect(ws).toMatchObject({
      clientName: 'test-ws-client',
      clientVersion: '1.0.0',
      lastTool: 'chat',
    });
    expect(ws.inflight[0]).toMatchObject({ tool: 'chat' });
    expect(ws.inflight[0]!.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(ws.connectedAt).toBeLessThanOrEqual(ws.lastActivityAt);
    expect(during.sessions.find((s) => s.transport === 'mcp-http')).toMatchObject({
      clientName: 'http-client',
      calls: 0,
    });
    expect(during.inflight).toBe(1);
    await slow;
    await rig.call('chat', { prompt: 'x', model: 'no-such-model' });
    const after = await status(rig.d);
    expect(after.sessions.find((s) => s.id === ws.id)).toMatchObject({
      calls: 2,
      errors: 1,
      inflight: [],
    });
    expect(after.counters).toMatchObject({ calls: 2, errors: 1 });
    expect(after.recentErrors[0]).toMatchObject({ tool: 'chat' });
    expect(after.latencyMs.p50).toBeGreaterThan(0);
    expect(after.providers.map((p) => p.id)).toEqual(['kimi', 'glm']);
    expect((await fetch(`${rig.d.baseUrl}/status`)).status).toBe(401);
    await httpClient.close();
  });
});

describe('status feed to the parent (fork IPC)', () => {
  it('sends typed snapshots every second and when sessions change, and answers status-request', async () => {
    const d = await startDaemon();
    try {
      const statuses = () => d.messages.filter((m) => m.type === 'status');
      await until(() => statuses().length >= 2);
      const { ws } = await rawMcp(d, 'ipc-watcher');
      const seen = await until(() =>
        statuses().find((m) => m.snapshot.sessions.some((s) => s.clientName === 'ipc-watcher')),
      );
      const snap = seen.snapshot;
      expect(Object.keys(snap).sort()).toEqual(Object.keys(await status(d)).sort());
      expect(snap).toMatchObject({
        pid: d.child.pid,
        limits: { global: 24, kimi: 6, glm: 4, session: 8 },
        counters: { calls: 0, cacheHits: 0, coalesced: 0 },
      });
      ws.close();
      await until(() => statuses().at(-1)!.snapshot.sessions.length === 0);
      const before = statuses().length;
      d.child.send({ type: 'status-request' });
      await until(() => statuses().length > before);
    } finally {
      await d.stop();
    }
  });
});

describe('ending sessions', () => {
  it('disconnect-session from the app closes a WebSocket with 4010 and ends an HTTP session, aborting its call', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const raw = await rawMcp(rig.d, 'to-be-dropped');
    const wsSession = await until(async () =>
      (await status(rig.d)).sessions.find((s) => s.clientName === 'to-be-dropped'),
    );
    rig.d.child.send({ type: 'disconnect-session', sessionId: wsSession.id });
    const closed = await raw.closed;
    expect(closed.code).toBe(4010);
    expect(closed.reason).toContain('dashboard');

    const { client } = await connectMcpHttp(rig.d, 'http-dropped');
    rig.kimi.script({ kind: 'hang' });
    const inflight = client
      .callTool({ name: 'chat', arguments: { prompt: 'hang', model: KIMI } }, undefined, {
        timeout: 20_000,
      })
      .catch((e: unknown) => e);
    await rig.kimi.waitFor((k) => k.chatRequests.length === 1);
    const httpSession = (await status(rig.d)).sessions.find(
      (s) => s.clientName === 'http-dropped',
    )!;
    rig.d.child.send({ type: 'disconnect-session', sessionId: httpSession.id });
    await rig.kimi.waitFor((k) => k.chatRequests[0]!.aborted);
    await until(async () => !(await status(rig.d)).sessions.some((s) => s.id === httpSession.id));
    const res = await fetch(rig.d.httpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${rig.d.token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': httpSession.id,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
    await client.close().catch(() => undefined);
    void inflight;
  });

  it('a client closing its connection aborts its call upstream', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script({ kind: 'hang' });
    const other = await rig.connect('leaves-early');
    void rig.call('chat', { prompt: 'wait', model: 'glm-4.5' }, other).catch(() => undefined);
    await rig.glm.waitFor((f) => f.chatRequests.length === 1);
    await other.close();
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted, 5000);
  });

  it('refuses past EXAI_MAX_SESSIONS with a clear reason, and ends idle sessions after EXAI_SESSION_IDLE_TIMEOUT', async () => {
    const d = await startDaemon({
      env: { EXAI_MAX_SESSIONS: '1', EXAI_SESSION_IDLE_TIMEOUT: '1' },
    });
    try {
      const first = await rawMcp(d, 'first');
      const second = await rawMcp(d, 'second');
      expect(await second.closed).toEqual({
        code: 1013,
        reason: expect.stringContaining('too many sessions (limit 1)'),
      });
      const refused = await fetch(d.httpUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${d.token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'h', version: '1' },
          },
        }),
      });
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain('Too many sessions');

      const idle = await first.closed;
      expect(idle.code).toBe(4011);
      expect(idle.reason).toContain('idle');
      const third = await rawMcp(d, 'third');
      expect(third.ws.readyState).toBe(third.ws.OPEN);
      third.ws.close();
    } finally {
      await d.stop();
    }
  });
});
