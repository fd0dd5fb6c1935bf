import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SupervisorStateName } from '../../preload/api.ts';
import { Supervisor, type SupervisorOptions } from '../../main/supervision/supervisor.ts';
import { until } from '../helpers/poll.ts';
import { FakeLauncher } from './fake-launcher.ts';

const spec = {
  host: '127.0.0.1',
  port: 8765,
  dataDir: '/tmp/exai-test',
  env: { EXAI_WS_TOKEN: 'x'.repeat(32) },
};
let sup: Supervisor | undefined;

function make(
  launcher: FakeLauncher,
  extra: Partial<SupervisorOptions> = {},
): { sup: Supervisor; states: SupervisorStateName[] } {
  const s = new Supervisor({
    launcher,
    launchSpec: () => spec,
    readyTimeoutMs: 2_000,
    stopGraceMs: 300,
    crashPolicy: { initialDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  });
  sup = s;
  const states: SupervisorStateName[] = [];
  s.on('state', (st) => states.push(st.state));
  return { sup: s, states };
}

afterEach(async () => {
  await sup?.dispose();
  sup = undefined;
});

describe('Supervisor (scripted daemon)', () => {
  it('starts, passes port/host/data dir and env, and reports the endpoint', async () => {
    const launcher = new FakeLauncher();
    const { sup, states } = make(launcher);
    const st = await sup.start();
    expect(st).toMatchObject({ state: 'running', endpoint: 'ws://127.0.0.1:8765', port: 8765 });
    expect(states).toEqual(['starting', 'running']);
    expect(launcher.last.request.args).toEqual([
      'daemon',
      '--port',
      '8765',
      '--data-dir',
      '/tmp/exai-test',
      '--host',
      '127.0.0.1',
    ]);
    expect(launcher.last.request.env.EXAI_WS_TOKEN).toHaveLength(32);
  });

  it('stop sends shutdown and waits for a clean exit', async () => {
    const launcher = new FakeLauncher();
    const { sup, states } = make(launcher);
    await sup.start();
    const st = await sup.stop();
    expect(st.state).toBe('stopped');
    expect(launcher.last.received[0]).toMatchObject({ type: 'shutdown' });
    expect(launcher.last.killed).toBe(false);
    expect(states).toEqual(['starting', 'running', 'stopping', 'stopped']);
  });

  it('kills a daemon that ignores shutdown after the grace period', async () => {
    const launcher = new FakeLauncher();
    const { sup } = make(launcher);
    await sup.start();
    launcher.last.onShutdown = 'ignore';
    expect((await sup.stop()).state).toBe('stopped');
    expect(launcher.last.killed).toBe(true);
  });

  it('fails start with the reason and the last stderr lines when ready never comes', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = (p) =>
      setTimeout(() => {
        p.stderr('loading config');
        p.stderr('stuck on something');
      }, 5);
    const { sup } = make(launcher, { readyTimeoutMs: 200, crashPolicy: { maxCrashes: 1 } });
    const st = await sup.start();
    expect(st.state).toBe('failed');
    expect(st.reasonCode).toBe('start-timeout');
    expect(st.lastLogLines).toEqual(['loading config', 'stuck on something']);
    expect(launcher.last.killed).toBe(true);
  });

  it('restarts a crashed daemon with doubling delays, then gives up after 5 crashes', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = (p) =>
      setTimeout(() => {
        p.stderr('boom');
        p.exit(1);
      }, 5);
    const { sup, states } = make(launcher, {
      crashPolicy: { initialDelayMs: 10, maxDelayMs: 1_000 },
    });
    const delays: number[] = [];
    sup.on('state', (s) => {
      if (s.state === 'backing-off' && s.nextRetryAt) delays.push(s.nextRetryAt - s.since);
    });
    await sup.start();
    await until(() => sup.state.state === 'failed');
    expect(launcher.launched).toHaveLength(5);
    expect(delays).toEqual([10, 20, 40, 80]);
    expect(states.slice(0, 4)).toEqual(['starting', 'crashed', 'backing-off', 'starting']);
    expect(sup.state.reasonCode).toBe('crash-loop');
    expect(sup.state.reason).toMatch(/5 crashes within 60 s.*exited with code 1: boom/);
    expect(sup.state.lastLogLines).toContain('boom');
    // It waits for the user: nothing else is launched.
    await new Promise((r) => setTimeout(r, 200));
    expect(launcher.launched).toHaveLength(5);
    // The user presses Start: it tries again.
    launcher.behaviour = (p) => setTimeout(() => p.ready(), 5);
    expect((await sup.start()).state).toBe('running');
  });

  it('caps the backoff at the maximum delay', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = (p) => setTimeout(() => p.exit(1), 5);
    const { sup } = make(launcher, {
      crashPolicy: { initialDelayMs: 10, maxDelayMs: 30, maxCrashes: 99 },
    });
    const delays: number[] = [];
    sup.on('state', (s) => {
      if (s.state === 'backing-off' && s.nextRetryAt) delays.push(s.nextRetryAt - s.since);
    });
    await sup.start();
    await until(() => delays.length >= 5);
    expect(delays.slice(0, 5)).toEqual([10, 20, 30, 30, 30]);
  });

  it('resets its crash count after a stable run: the next crash is retried after the first delay again', async () => {
    vi.useFakeTimers();
    try {
      const launcher = new FakeLauncher();
      const { sup } = make(launcher, {
        stableAfterMs: 1_000,
        crashPolicy: { initialDelayMs: 20, maxDelayMs: 10_000, maxCrashes: 99 },
      });
      const delays: number[] = [];
      sup.on('state', (s) => {
        if (s.state === 'backing-off' && s.nextRetryAt) delays.push(s.nextRetryAt - s.since);
      });
      const started = sup.start();
      await vi.advanceTimersByTimeAsync(10);
      expect((await started).state).toBe('running');
      // Two quick crashes: the delay doubles.
      for (const relaunch of [2, 3]) {
        launcher.last.exit(1);
        await vi.advanceTimersByTimeAsync(100);
        expect([launcher.launched.length, sup.state.state]).toEqual([relaunch, 'running']);
      }
      // A run that lasts past stableAfterMs: the next crash starts over at the first delay.
      await vi.advanceTimersByTimeAsync(1_000);
      launcher.last.exit(1);
      expect(delays).toEqual([20, 40, 20]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names the port when the daemon reports a port conflict', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = (p) =>
      setTimeout(() => {
        p.message({
          type: 'fatal',
          reason: 'port-in-use',
          message: 'listen EADDRINUSE 127.0.0.1:8765',
          port: 8765,
        });
        p.exit(3);
      }, 5);
    const { sup } = make(launcher, { crashPolicy: { maxCrashes: 1 } });
    const st = await sup.start();
    expect(st).toMatchObject({ state: 'failed', reasonCode: 'port-in-use' });
    expect(st.reason).toContain('Port 8765 is already in use');
  });

  it('forwards status snapshots and log lines', async () => {
    const launcher = new FakeLauncher();
    const { sup } = make(launcher);
    const sessions: number[] = [];
    const logs: string[] = [];
    sup.on('status', (s) => sessions.push(s.sessions.length));
    sup.on('log', (l) => logs.push(l.msg));
    await sup.start();
    launcher.last.message({ type: 'status', snapshot: { sessions: [{}, {}, {}] } });
    launcher.last.message({ type: 'log', level: 'info', time: 1, msg: 'hello' });
    expect(sessions).toEqual([3]);
    expect(sup.lastStatus?.sessions).toHaveLength(3);
    expect(logs).toContain('hello');
  });

  it('stop during starting kills the half-started daemon and stays stopped', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = () => {}; // never ready, ignores messages before ready
    const { sup } = make(launcher);
    const starting = sup.start();
    await until(() => launcher.launched.length === 1);
    launcher.last.onShutdown = 'ignore';
    expect((await sup.stop()).state).toBe('stopped');
    expect((await starting).state).toBe('stopped');
    expect(launcher.last.killed).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(launcher.launched).toHaveLength(1);
  });

  it('stop during backing-off cancels the retry', async () => {
    const launcher = new FakeLauncher();
    launcher.behaviour = (p) => setTimeout(() => p.exit(1), 5);
    const { sup } = make(launcher, { crashPolicy: { initialDelayMs: 100 } });
    await sup.start();
    expect(sup.state.state).toBe('backing-off');
    await sup.stop();
    await new Promise((r) => setTimeout(r, 250));
    expect(sup.state.state).toBe('stopped');
    expect(launcher.launched).toHaveLength(1);
  });

  it('restart stops then starts a new process', async () => {
    const launcher = new FakeLauncher();
    const { sup } = make(launcher);
    await sup.start();
    const st = await sup.restart();
    expect(st.state).toBe('running');
    expect(launcher.launched).toHaveLength(2);
    expect(launcher.launched[0]?.exited).toBe(true);
  });

  it('send reaches only a running daemon', async () => {
    const launcher = new FakeLauncher();
    const { sup } = make(launcher);
    expect(sup.send({ type: 'status-request' })).toBe(false);
    await sup.start();
    expect(sup.send({ type: 'disconnect-session', sessionId: 's1' })).toBe(true);
    expect(launcher.last.received).toContainEqual({ type: 'disconnect-session', sessionId: 's1' });
  });
});
