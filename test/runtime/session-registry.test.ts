import { describe, expect, it } from 'vitest';
import { Metrics } from '../../daemon/metrics/metrics.ts';
import { registerSessionMetrics } from '../../daemon/sessions/session-metrics.ts';
import {
  CLOSE_DISCONNECTED,
  CLOSE_IDLE,
  SessionRegistry,
} from '../../daemon/sessions/session-registry.ts';

function registry() {
  const sessions = new SessionRegistry();
  const closed: Array<{ id: string; code: number; reason: string }> = [];
  const removed: string[] = [];
  sessions.on('removed', (id) => removed.push(id));
  const add = (id: string) =>
    sessions.add({ id, transport: 'mcp-ws' }, (code, reason) => closed.push({ id, code, reason }));
  return { sessions, closed, removed, add };
}

describe('SessionRegistry', () => {
  it('ends idle sessions, but never one with a call in flight', () => {
    const { sessions, closed, removed, add } = registry();
    add('idle');
    add('busy');
    sessions.callStarted('busy', { id: 'c1', tool: 'chat', startedAt: Date.now() });
    const later = Date.now() + 10_000;
    expect(sessions.sweepIdle(5, later)).toEqual(['idle']);
    expect(closed).toEqual([
      { id: 'idle', code: CLOSE_IDLE, reason: expect.stringContaining('idle for more than 5s') },
    ]);
    expect(removed).toEqual(['idle']);
    sessions.callEnded('busy', 'c1', false);
    expect(sessions.sweepIdle(5, Date.now() + 1_000)).toEqual([]); // just active: the call ended now
    expect(sessions.sweepIdle(5, Date.now() + 10_000)).toEqual(['busy']);
  });

  it('tracks calls, errors, the last tool and in-flight calls with model and elapsed time', () => {
    const { sessions, add } = registry();
    add('s');
    sessions.setClient('s', 'Claude Code', '2.0.0');
    const t0 = Date.now();
    sessions.callStarted('s', { id: 'a', tool: 'chat', startedAt: t0 });
    sessions.callUpdated('s', 'a', { provider: 'kimi', model: 'kimi-k2-0905-preview' });
    const snap = sessions.snapshot(t0 + 1234)[0]!;
    expect(snap).toMatchObject({
      clientName: 'Claude Code',
      clientVersion: '2.0.0',
      calls: 1,
      lastTool: 'chat',
    });
    expect(snap.inflight).toEqual([
      {
        id: 'a',
        tool: 'chat',
        provider: 'kimi',
        model: 'kimi-k2-0905-preview',
        startedAt: t0,
        elapsedMs: 1234,
      },
    ]);
    sessions.callEnded('s', 'a', true);
    expect(sessions.snapshot()[0]).toMatchObject({ errors: 1, inflight: [] });
  });

  it('disconnect closes with 4010 and a reason, and forgets the session', () => {
    const { sessions, closed, add } = registry();
    add('s');
    expect(sessions.disconnect('s')).toBe(true);
    expect(closed[0]).toMatchObject({
      code: CLOSE_DISCONNECTED,
      reason: expect.stringContaining('dashboard'),
    });
    expect(sessions.size).toBe(0);
    expect(sessions.disconnect('s')).toBe(false);
  });

  it('is the one count behind exai_sessions: what transports add and remove, whatever ends a session', async () => {
    const { sessions, add } = registry();
    const metrics = new Metrics();
    registerSessionMetrics(metrics, sessions);
    const gauge = async (transport: string) => {
      const line = (await metrics.text())
        .split('\n')
        .find((l) => l.startsWith(`exai_sessions{transport="${transport}"}`));
      return Number(line?.split(' ')[1]);
    };
    add('a');
    add('b');
    sessions.add({ id: 'legacy:x', transport: 'legacy-ws' }, () => undefined);
    expect(await gauge('mcp-ws')).toBe(2);
    expect(await gauge('legacy-ws')).toBe(1);
    sessions.disconnect('a');
    sessions.sweepIdle(0, Date.now() + 1);
    expect(await gauge('mcp-ws')).toBe(0);
    expect(await gauge('legacy-ws')).toBe(0);
  });
});
