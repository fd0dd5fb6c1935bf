import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

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

/** Bundles the daemon the way the app ships it: one ESM file, so cold start is measured honestly. */
export async function bundleDaemon(): Promise<string> {
  const outfile = join(tempDir('exai-bench-bundle-'), 'exai.mjs');
  await build({
    entryPoints: [join(ROOT, 'daemon/cli/exai.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    logLevel: 'silent',
    // CommonJS dependencies (pino, ws) need require() inside an ESM bundle.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** Env without the machine's own EXAI or provider settings. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(EXAI_|KIMI_|MOONSHOT_|GLM_|ZHIPUAI_|DEFAULT_MODEL)/.test(k)) env[k] = v;
  return { ...env, EXAI_LOG_LEVEL: 'warn', ...extra };
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
    if (Date.now() > deadline) throw new Error(`daemon on ${port} not healthy within ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function startBenchDaemon(entry: string, env: Record<string, string> = {}): Promise<BenchDaemon> {
  const port = await freePort();
  const dataDir = tempDir();
  const child = spawn(NODE, [entry, 'daemon', '--port', String(port), '--data-dir', dataDir], { env: benchEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
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
export function startPortPrinter(args: string[], env: NodeJS.ProcessEnv = benchEnv()): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.once('data', (d: Buffer) => resolve({ child, port: Number(d.toString().trim()) }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}
