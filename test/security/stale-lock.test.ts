// Attack suite, instance lock: a lock whose PID was reused by another process must not keep the
// daemon down (issue 11, defect 7). A real running daemon still keeps a second one out.
import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir, type RunningDaemon } from '../helpers/daemon.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** A live process that is not an EXAI daemon, as a reused PID would be. */
function foreignProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function staleLock(dataDir: string, pid: number): void {
  const lock = join(dataDir, 'daemon.lock');
  writeFileSync(lock, String(pid));
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(lock, anHourAgo, anHourAgo);
}

async function started(dataDir: string): Promise<RunningDaemon> {
  const d = await startDaemon({ dataDir });
  cleanup.push(() => d.stop());
  return d;
}

function logged(d: RunningDaemon): string {
  return d.messages.map((m) => (m.type === 'log' ? m.msg : '')).join('\n');
}

describe('a lock that knows its owner', () => {
  it('takes over a lock held by a live process whose daemon.json endpoint does not answer', async () => {
    const foreign = foreignProcess();
    const dataDir = tempDataDir();
    staleLock(dataDir, foreign.pid!);
    const port = await closedPort();
    writeFileSync(
      join(dataDir, 'daemon.json'),
      JSON.stringify({
        pid: foreign.pid,
        host: '127.0.0.1',
        port,
        version: '0.1.0',
        started_at: new Date().toISOString(),
        endpoint: `ws://127.0.0.1:${port}/`,
      }),
    );
    const d = await started(dataDir);
    expect(logged(d)).toMatch(
      new RegExp(
        `took over a stale instance lock: pid ${foreign.pid} is alive but .*does not answer`,
      ),
    );
  });

  it('takes over a lock held by a live process with no daemon.json at all', async () => {
    const foreign = foreignProcess();
    const dataDir = tempDataDir();
    staleLock(dataDir, foreign.pid!);
    const d = await started(dataDir);
    expect(logged(d)).toMatch(
      new RegExp(`took over a stale instance lock: pid ${foreign.pid} .*no daemon\\.json`),
    );
  });

  it('takes over when daemon.json points at something that is not an EXAI daemon', async () => {
    const foreign = foreignProcess();
    const impostor = (await import('node:http')).createServer((_req, res) =>
      res.end('{"status":"ok"}'),
    );
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => impostor.close(resolve)));
    const { port } = impostor.address() as { port: number };
    const dataDir = tempDataDir();
    staleLock(dataDir, foreign.pid!);
    writeFileSync(
      join(dataDir, 'daemon.json'),
      JSON.stringify({
        pid: foreign.pid,
        host: '127.0.0.1',
        port,
        version: '0.1.0',
        started_at: new Date().toISOString(),
        endpoint: `ws://127.0.0.1:${port}/`,
      }),
    );
    const d = await started(dataDir);
    expect(logged(d)).toMatch(/took over a stale instance lock/);
  });

  it('still refuses a second daemon while the lock owner answers as itself, however old the lock', async () => {
    const first = await started(tempDataDir());
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(first.dataDir, 'daemon.lock'), old, old);
    await expect(startDaemon({ dataDir: first.dataDir })).rejects.toThrow(
      /exited with 4 before ready[\s\S]*pid \d+ at ws:\/\/127\.0\.0\.1/,
    );
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
  });
});
