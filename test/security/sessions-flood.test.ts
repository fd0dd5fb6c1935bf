// Attack suite, sessions: a thousand connections over every transport are each either held or
// refused with a reason, never more than the limit, and the daemon serves again once they go.
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { INIT } from './raw-mcp.ts';
import { SCALE } from './scale.ts';

type Outcome = { held: true; close(): void } | { held: false; reason: string };

const running: RunningDaemon[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

function closedWith(ws: WebSocket): Promise<Outcome> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) =>
      resolve({ held: false, reason: `${code} ${reason.toString()}` }),
    ),
  );
}

/** An MCP WebSocket: held when it answers initialize. */
function mcpWs(d: RunningDaemon): Promise<Outcome> {
  const ws = new WebSocket(d.wsUrl, 'mcp', { headers: { authorization: `Bearer ${d.token}` } });
  ws.on('error', () => undefined);
  return Promise.race([
    closedWith(ws),
    new Promise<Outcome>((resolve) => {
      ws.once('open', () => ws.send(JSON.stringify(INIT)));
      ws.once('message', () => resolve({ held: true, close: () => ws.close() }));
    }),
  ]);
}

/** A legacy WebSocket: held when its hello is accepted. */
function legacyWs(d: RunningDaemon): Promise<Outcome> {
  const ws = new WebSocket(d.wsUrl);
  ws.on('error', () => undefined);
  return Promise.race([
    closedWith(ws),
    new Promise<Outcome>((resolve) => {
      ws.once('open', () => ws.send(JSON.stringify({ op: 'hello', token: d.token })));
      ws.once('message', (data) => {
        const ack = JSON.parse(data.toString()) as { ok: boolean };
        if (ack.ok) resolve({ held: true, close: () => ws.close() });
      });
    }),
  ]);
}

/** An MCP HTTP session: held when initialize gives a session id. */
async function mcpHttp(d: RunningDaemon): Promise<Outcome> {
  const res = await fetch(d.httpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${d.token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(INIT),
  });
  const text = await res.text();
  const id = res.headers.get('mcp-session-id');
  if (!id) return { held: false, reason: `${res.status} ${text}` };
  return {
    held: true,
    close: () =>
      void fetch(d.httpUrl, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${d.token}`, 'mcp-session-id': id },
      }).catch(() => undefined),
  };
}

describe('a flood of sessions', () => {
  it(
    `${SCALE.sessions} connections: at most maxSessions held, the rest refused with a reason`,
    { timeout: SCALE.timeoutMs },
    async () => {
      const limit = SCALE.maxSessions;
      const d = await startDaemon({ env: { EXAI_MAX_SESSIONS: String(limit) } });
      running.push(d);
      const openers = [mcpWs, legacyWs, mcpHttp];
      const outcomes: Outcome[] = [];
      // In waves, as clients would arrive, each wave mixing all three transports.
      for (let i = 0; i < SCALE.sessions; i += 50) {
        const wave = Array.from({ length: Math.min(50, SCALE.sessions - i) }, (_, j) =>
          openers[(i + j) % 3]!(d),
        );
        outcomes.push(...(await Promise.all(wave)));
      }
      const held = outcomes.filter((o): o is Extract<Outcome, { held: true }> => o.held);
      const refused = outcomes.filter((o): o is Extract<Outcome, { held: false }> => !o.held);
      expect(held.length + refused.length).toBe(SCALE.sessions);
      expect(held.length).toBe(limit);
      for (const { reason } of refused)
        expect(reason).toMatch(/too many sessions \(limit \d+\)|Too many sessions \(limit \d+\)/i);

      const auth = { authorization: `Bearer ${d.token}` };
      const status = async () =>
        (await (await fetch(`${d.baseUrl}/status`, { headers: auth })).json()) as {
          sessions: unknown[];
        };
      expect((await status()).sessions.length).toBe(limit);
      for (const h of held) h.close();
      await expect.poll(async () => (await status()).sessions.length, { timeout: 20_000 }).toBe(0);
      expect(await mcpWs(d)).toMatchObject({ held: true });
    },
  );

  it(
    'MCP WebSockets arriving together before the MCP SDK has loaded are held only up to the limit',
    { timeout: SCALE.timeoutMs },
    async () => {
      const d = await startDaemon({ env: { EXAI_MAX_SESSIONS: '10' } });
      running.push(d);
      // A fresh daemon loads the SDK with its first MCP client; all of these arrive meanwhile.
      const outcomes = await Promise.all(Array.from({ length: 40 }, () => mcpWs(d)));
      const held = outcomes.filter((o) => o.held);
      expect(held).toHaveLength(10);
      for (const o of outcomes)
        if (!o.held) expect(o.reason).toMatch(/^1013 too many sessions \(limit 10\)/);
    },
  );
});
