import { spawn, type ChildProcess } from 'node:child_process';
import { DAEMON_NODE_FLAGS } from '../../daemon/parent/messages.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleDaemon as bundleShippedDaemon } from '../../scripts/bundle-daemon.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const NODE = process.execPath;

export function tempDir(prefix = 'exai-bench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Bundles the daemon with the build's own function (scripts/bundle-daemon.ts): what the app ships is what is measured. */
export async function bundleDaemon(): Promise<string> {
  const outdir = tempDir('exai-bench-bundle-');
  await bundleShippedDaemon(outdir, { logLevel: 'silent' });
  return join(outdir, 'exai.mjs');
}

/**
 * Node's compile cache for every daemon the bench starts, in a folder of this run (not the
 * user's cache folder); cold start uses a fresh one of its own so its first run is uncached.
 */
export const COMPILE_CACHE = tempDir('exai-bench-compile-cache-');
process.once('exit', () => rmSync(COMPILE_CACHE, { recursive: true, force: true }));

/** Env without the machine's own EXAI or provider settings. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(EXAI_|KIMI_|MOONSHOT_|GLM_|ZHIPUAI_|DEFAULT_MODEL)/.test(k)) env[k] = v;
  return { ...env, EXAI_LOG_LEVEL: 'warn', NODE_COMPILE_CACHE: COMPILE_CACHE, ...extra };
}

export interface BenchDaemon {
  child: ChildProcess;
  port: number;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function waitHealthy(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`daemon on ${port} not healthy within ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The daemon from `entry` (the bundle, or daemon/cli/exai.ts), healthy on a free port. */
export async function startBenchDaemon(
  entry: string,
  env: Record<string, string> = {},
  /** Node flags beyond the launchers' (a profiler, a heap-snapshot signal); the cwd they write to. */
  extra: { nodeFlags?: string[]; cwd?: string } = {},
): Promise<BenchDaemon> {
  const port = await freePort();
  const dataDir = tempDir();
  const child = spawn(
    NODE,
    [
      ...DAEMON_NODE_FLAGS,
      ...(extra.nodeFlags ?? []),
      entry,
      'daemon',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
    ],
    { env: benchEnv(env), stdio: ['ignore', 'ignore', 'pipe'], cwd: extra.cwd },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitHealthy(port);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return {
    child,
    port,
    dataDir,
    token: env.EXAI_WS_TOKEN ?? readFileSync(join(dataDir, 'token'), 'utf8').trim(),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts a helper process that prints its port as the first line of stdout. */
export function startPortPrinter(
  args: string[],
  env: NodeJS.ProcessEnv = benchEnv(),
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.once('data', (d: Buffer) =>
      resolve({ child, port: Number(d.toString().trim()) }),
    );
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** CPU time (user + system) a process and its reaped children have used so far, in ms, from /proc. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14–17 of stat (11–14 after the name); clock ticks of 10 ms.
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) * 10;
}
