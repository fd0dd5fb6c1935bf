// Attack suite, legacy protocol before hello: small frames only, waiting sockets count against
// the session limit, and the limit holds at hello (issue 11, defect 6).
import { afterEach, describe, expect, it } from 'vitest';
import { connectMcpHttp, startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { LegacyClient } from '../legacy/legacy-client.ts';

const running: RunningDaemon[] = [];
const clients: LegacyClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

async function daemon(env: Record<string, string> = {}): Promise<RunningDaemon> {
  const d = await startDaemon({ env });
  running.push(d);
  return d;
}

async function legacy(d: RunningDaemon): Promise<LegacyClient> {
  const client = new LegacyClient(d.wsUrl);
  clients.push(client);
  await client.opened;
  return client;
}

describe('legacy protocol before hello', () => {
  it('closes a socket whose first frame is over 64 KiB with 1009, and takes big frames after hello', async () => {
    const d = await daemon();
    const attacker = await legacy(d);
    attacker.send({ op: 'hello', token: 'x'.repeat(1024 * 1024) });
    const closed = await attacker.closed;
    expect(closed.code).toBe(1009);
    expect(attacker.frames).toEqual([]);

    const { client } = await LegacyClient.session(d.wsUrl, d.token);
    clients.push(client);
    client.send({
      op: 'call_tool',
      request_id: 'big',
      name: 'challenge',
      arguments: { prompt: 'y'.repeat(512 * 1024) },
    });
    const result = await client.result('big');
    expect(result.error).toBeUndefined();
  });

  it('counts sockets waiting for hello against the session limit', async () => {
    const d = await daemon({ EXAI_MAX_SESSIONS: '10' });
    const waiting = await Promise.all(Array.from({ length: 10 }, () => legacy(d)));
    const refused = await legacy(d).catch(() => undefined);
    const { code, reason } = await refused!.closed;
    expect(code).toBe(1013);
    expect(reason).toMatch(/too many sessions \(limit 10\)/);

    // A waiting socket that goes away frees its place.
    await waiting[0]!.close();
    const next = await legacy(d);
    next.send({ op: 'hello', token: d.token });
    expect(await next.next((f) => f.op === 'hello_ack')).toMatchObject({ ok: true });
  });

  it('enforces the session limit at hello, with a reason', async () => {
    const d = await daemon({ EXAI_MAX_SESSIONS: '6' });
    const waiting = await Promise.all(Array.from({ length: 6 }, () => legacy(d)));
    // An HTTP session takes a place while the sockets wait.
    const http = await connectMcpHttp(d);
    for (const client of waiting) client.send({ op: 'hello', token: d.token });
    const acks = await Promise.all(waiting.map((c) => c.next((f) => f.op === 'hello_ack')));
    const accepted = acks.filter((a) => a.ok === true).length;
    const status = (await (
      await fetch(`${d.baseUrl}/status`, { headers: { authorization: `Bearer ${d.token}` } })
    ).json()) as { sessions: unknown[] };
    expect(status.sessions.length).toBeLessThanOrEqual(6);
    expect(accepted).toBe(5);
    const over = waiting.filter((_, i) => acks[i]!.ok !== true);
    expect(acks.find((a) => a.ok !== true)).toMatchObject({ ok: false, error: 'over_capacity' });
    expect((await over[0]!.closed).reason).toMatch(/too many sessions \(limit 6\)/);
    await http.client.close();
  });
});
