import { spawn } from 'node:child_process';
import { DAEMON_NODE_FLAGS } from '../daemon/parent/messages.ts';
import { NODE, benchEnv, freePort, tempDir, waitHealthy } from './lib/processes.ts';
import { median } from './lib/stats.ts';

const RUNS = 10;

function nodeBaseline(): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    spawn(NODE, ['-e', '0'], { stdio: 'ignore' }).once('exit', () =>
      resolve(performance.now() - t0),
    );
  });
}

/** Spawn to the first 200 from /healthz, for the bundled daemon as the app ships it. */
async function daemonColdStart(entry: string, compileCache: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    NODE,
    [...DAEMON_NODE_FLAGS, entry, 'daemon', '--port', String(port), '--data-dir', tempDir()],
    { env: benchEnv({ NODE_COMPILE_CACHE: compileCache }), stdio: 'ignore' },
  );
  await waitHealthy(port);
  const elapsed = performance.now() - t0;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return elapsed;
}

export interface ColdStartResult {
  daemonP50Ms: number;
  /** The first run, with Node's compile cache still empty (the daemon fills it as it starts). */
  daemonUncachedMs: number;
  nodeP50Ms: number;
  runs: number;
}

export async function runColdStart(entry: string): Promise<ColdStartResult> {
  const compileCache = tempDir('exai-bench-cold-cache-');
  const node: number[] = [];
  const daemon: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    node.push(await nodeBaseline());
    daemon.push(await daemonColdStart(entry, compileCache));
  }
  return {
    daemonP50Ms: median(daemon),
    daemonUncachedMs: daemon[0]!,
    nodeP50Ms: median(node),
    runs: RUNS,
  };
}
