import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv } from '../../main/settings/daemon-env.ts';
import { NodeLauncher } from '../../main/supervision/node-launcher.ts';
import { Supervisor, type SupervisorOptions } from '../../main/supervision/supervisor.ts';
import type { DaemonState } from '../../preload/api.ts';
import { until } from '../helpers/poll.ts';

// The supervisor against the real daemon (daemon/cli/exai.ts), forked with Node 24 by NodeLauncher.

const ENTRY = resolve(import.meta.dirname, '../../daemon/cli/exai.ts');
const TOKEN = 'test-token-0123456789abcdef0123456789';
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

let dataDir = '';

function make(
  opts: { port?: number; env?: Record<string, string> } & Partial<SupervisorOptions> = {},
): Supervisor {
  const dir = mkdtempSync(join(tmpdir(), 'exai-sup-'));
  dataDir = dir;
  const sup = new Supervisor({
    launcher: new NodeLauncher({ entry: ENTRY }),
    launchSpec: () => ({
      host: '127.0.0.1',
      port: opts.port ?? 0,
      dataDir: dir,
      env: { ...cleanEnv(process.env), EXAI_WS_TOKEN: TOKEN, EXAI_LOG_LEVEL: 'warn', ...opts.env },
    }),
    readyTimeoutMs: 30_000,
    stopGraceMs: 10_000,
    ...opts,
  });
  cleanup.push(async () => {
    await sup.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return sup;
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function healthz(state: DaemonState): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${state.port}/healthz`);
  await res.body?.cancel();
  return res.status;
}

function waitFor(
  sup: Supervisor,
  pred: (s: DaemonState) => boolean,
  ms = 60_000,
): Promise<DaemonState> {
  return new Promise((resolvePromise, reject) => {
    if (pred(sup.state)) return resolvePromise(sup.state);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state is ${JSON.stringify(sup.state)}`));
    }, ms);
    const off = sup.on('state', (s) => {
      if (pred(s)) {
        clearTimeout(timer);
        off();
        resolvePromise(s);
      }
    });
  });
}

describe('Supervisor with the real daemon', () => {
  it('starts, serves /healthz, stops gracefully and restarts', { timeout: 90_000 }, async () => {
    const sup = make();
    const running = await sup.start();
    expect(running.state).toBe('running');
    expect(running.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    expect(await healthz(running)).toBe(200);
    expect(existsSync(join(dataDir, 'daemon.json'))).toBe(true);

    const restarted = await sup.restart();
    expect(restarted.state).toBe('running');
    expect(restarted.pid).not.toBe(running.pid);
    expect(alive(running.pid)).toBe(false);
    expect(await healthz(restarted)).toBe(200);

    const stopped = await sup.stop();
    expect(stopped.state).toBe('stopped');
    expect(alive(restarted.pid)).toBe(false);
    // A graceful shutdown (not a kill) removes the discovery file.
    expect(existsSync(join(dataDir, 'daemon.json'))).toBe(false);
  });

  it('forwards the daemon status snapshots', { timeout: 60_000 }, async () => {
    const sup = make();
    const snapshot = new Promise((r) => sup.on('status', r));
    await sup.start();
    expect(await snapshot).toMatchObject({ pid: sup.state.pid, sessions: [] });
  });

  it(
    'restarts a daemon killed with SIGKILL and it is healthy again',
    { timeout: 90_000 },
    async () => {
      const sup = make({ crashPolicy: { initialDelayMs: 200 } });
      const first = await sup.start();
      const seen: string[] = [];
      sup.on('state', (s) => seen.push(s.state));
      const crashed = waitFor(sup, (s) => s.state === 'crashed');
      process.kill(first.pid!, 'SIGKILL');
      expect((await crashed).reason).toMatch(/SIGKILL/);
      const again = await waitFor(sup, (s) => s.state === 'running');
      expect(seen.slice(0, 3)).toEqual(['crashed', 'backing-off', 'starting']);
      expect(again.pid).not.toBe(first.pid);
      expect(again.restarts).toBe(1);
      expect(await healthz(again)).toBe(200);
    },
  );

  it(
    'a daemon that cannot start (bad config) backs off, then fails with the reason',
    { timeout: 120_000 },
    async () => {
      const sup = make({
        env: { EXAI_WS_CALL_TIMEOUT: 'notanumber' },
        crashPolicy: { initialDelayMs: 50, maxDelayMs: 400 },
      });
      const seen: string[] = [];
      sup.on('state', (s) => seen.push(s.state));
      await sup.start();
      const failed = await waitFor(sup, (s) => s.state === 'failed');
      expect(seen.filter((s) => s === 'backing-off')).toHaveLength(4);
      expect(failed.reasonCode).toBe('bad-config');
      expect(failed.reason).toMatch(/EXAI_WS_CALL_TIMEOUT/);
      expect(failed.lastLogLines?.join('\n')).toMatch(/notanumber/);
    },
  );

  it(
    'reports a port conflict as its own reason, naming the port',
    { timeout: 60_000 },
    async () => {
      const blocker: Server = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      cleanup.push(() => new Promise<void>((r) => blocker.close(() => r())));
      const port = (blocker.address() as { port: number }).port;
      const sup = make({ port, crashPolicy: { maxCrashes: 1 } });
      const state = await sup.start();
      expect(state).toMatchObject({ state: 'failed', reasonCode: 'port-in-use' });
      expect(state.reason).toContain(`Port ${port}`);
    },
  );

  it(
    'quitting while the daemon is starting leaves no orphan process',
    { timeout: 60_000 },
    async () => {
      // Quit the moment the child process exists: it cannot have finished starting by then.
      let forked = false;
      const launcher = new NodeLauncher({ entry: ENTRY });
      const launch = launcher.launch.bind(launcher);
      launcher.launch = (request) => {
        const child = launch(request);
        forked = true;
        return child;
      };
      const sup = make({ launcher });
      const pids: number[] = [];
      sup.on('state', (s) => {
        if (s.state === 'stopping' && s.pid) pids.push(s.pid);
      });
      const starting = sup.start();
      await until(() => forked, 'the daemon process forked');
      expect(sup.state.state).toBe('starting');
      await sup.dispose();
      expect((await starting).state).toBe('stopped');
      expect(pids).toHaveLength(1);
      expect(alive(pids[0])).toBe(false);
    },
  );
});
