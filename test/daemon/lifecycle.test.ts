import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  EXAI_ENTRY,
  cleanEnv,
  connectMcpHttp,
  connectMcpWs,
  startDaemon,
  tempDataDir,
} from '../helpers/daemon.ts';

const run = promisify(execFile);

async function exai(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [EXAI_ENTRY, ...args], {
      env: cleanEnv(env),
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('headless lifecycle', () => {
  it('writes daemon.json (0600) and a token file (0600), and removes the discovery file on SIGTERM', async () => {
    const d = await startDaemon();
    const discovery = JSON.parse(readFileSync(join(d.dataDir, 'daemon.json'), 'utf8'));
    expect(discovery).toMatchObject({
      pid: d.child.pid,
      host: '127.0.0.1',
      port: d.port,
      version: '0.1.0',
      endpoint: d.wsUrl,
    });
    expect(JSON.stringify(discovery)).not.toContain(d.token);
    if (process.platform !== 'win32') {
      expect(statSync(join(d.dataDir, 'daemon.json')).mode & 0o777).toBe(0o600);
      expect(statSync(join(d.dataDir, 'token')).mode & 0o777).toBe(0o600);
    }
    expect(Buffer.from(d.token, 'base64url').length).toBe(32);
    expect(existsSync(join(d.dataDir, 'daemon.health.json'))).toBe(true);
    expect(await d.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(join(d.dataDir, 'daemon.json'))).toBe(false);
  });

  it('keeps daemon.health.json fresh while it runs (read by `exai status` without a connection)', async () => {
    const d = await startDaemon({ stopAfterTest: true });
    const read = () =>
      JSON.parse(readFileSync(join(d.dataDir, 'daemon.health.json'), 'utf8')) as {
        sessions: number;
        written_at: string;
      };
    const first = read();
    expect(first.sessions).toBe(0);
    await d.connect();
    // Rewritten every 10 s: the next version carries a new time and the session that connected since.
    await expect
      .poll(() => read().written_at, { timeout: 15_000, interval: 250 })
      .not.toBe(first.written_at);
    expect(read().sessions).toBe(1);
  }, 30_000);

  it('closes open WebSocket and HTTP sessions with proper codes on SIGTERM and exits 0', async () => {
    const d = await startDaemon();
    const raw = new WebSocket(`${d.wsUrl}?token=${d.token}`, 'mcp');
    await new Promise((r) => raw.once('open', r));
    const closed = new Promise<[number, string]>((resolve) =>
      raw.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    const mcp = await connectMcpWs(d);
    const { client: http, transport } = await connectMcpHttp(d);
    const sessionId = transport.sessionId;
    expect((await (await fetch(`${d.baseUrl}/healthz`)).json()).sessions).toBe(3);

    const exit = d.stop('SIGTERM');
    expect(await closed).toEqual([1001, 'EXAI daemon shutting down']);
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(existsSync(join(d.dataDir, 'daemon.json'))).toBe(false);
    expect(sessionId).toBeTruthy();
    await mcp.close().catch(() => undefined);
    await http.close().catch(() => undefined);
  });

  it('refuses a second daemon on the same data folder, naming the running one', async () => {
    const first = await startDaemon();
    try {
      const second = await exai(['daemon', '--port', '0', '--data-dir', first.dataDir]);
      expect(second.code).toBe(4);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      expect(second.stderr).toContain(first.wsUrl);
      expect(existsSync(join(first.dataDir, 'daemon.json'))).toBe(true);
    } finally {
      await first.stop();
    }
  });

  it('cleans up a discovery file left by a dead process', async () => {
    const first = await startDaemon();
    await first.stop('SIGKILL');
    expect(existsSync(join(first.dataDir, 'daemon.json'))).toBe(true);
    expect((await exai(['status', '--data-dir', first.dataDir])).code).toBe(1);
    const again = await startDaemon({ dataDir: first.dataDir });
    try {
      expect(JSON.parse(readFileSync(join(first.dataDir, 'daemon.json'), 'utf8')).pid).toBe(
        again.child.pid,
      );
    } finally {
      await again.stop();
    }
  });

  it('fails with exit code 3 and names the port and --port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await exai(['daemon', '--port', String(port), '--data-dir', tempDataDir()]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`port ${port}`);
      expect(result.stderr).toContain('--port');
    } finally {
      blocker.close();
    }
  });

  it('reports a bad setting in one line naming it, with exit code 2', async () => {
    const bad = await exai(['daemon', '--data-dir', tempDataDir()], {
      EXAI_WS_GLOBAL_MAX_INFLIGHT: 'lots',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('EXAI_WS_GLOBAL_MAX_INFLIGHT');
    const badFlag = await exai(['daemon', '--port', '99999', '--data-dir', tempDataDir()]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--port');
  });

  it('exai status and exai stop talk to the running daemon', async () => {
    const d = await startDaemon();
    const status = await exai(['status', '--data-dir', d.dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`pid ${d.child.pid}`);
    expect(status.stdout).toContain(d.wsUrl);
    const stop = await exai(['stop', '--data-dir', d.dataDir]);
    expect(stop.code).toBe(0);
    expect(await d.exited).toEqual({ code: 0, signal: null });
    const none = await exai(['status', '--data-dir', d.dataDir]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('No EXAI daemon is running');
  });
});
