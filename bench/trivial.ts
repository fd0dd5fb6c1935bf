import { join } from 'node:path';
import { WsRpcClient } from './lib/rpc-client.ts';
import { bridgeDriver, echoDriver, legacyDriver, mcpHttpDriver, mcpWsDriver, supergatewayDriver, type Driver } from './lib/drivers.ts';
import { pipelinedThroughput, sequentialLatency, throughput } from './lib/load.ts';
import { ROOT, benchEnv, freePort, startBenchDaemon, startPortPrinter, type BenchDaemon } from './lib/processes.ts';
import { spawn } from 'node:child_process';
import type { LatencySummary } from './lib/stats.ts';

export interface TrivialRow {
  transport: string;
  p50Ms: number;
  p99Ms: number;
  rps1: number;
  rps8: number;
  rps64: number;
}

export interface TrivialResult {
  answerBytes: number;
  rows: TrivialRow[];
  note: string;
}

const SEQ_CALLS = 2000;
const SECONDS = 1.5;

async function measure(driver: Driver): Promise<TrivialRow> {
  const seq: LatencySummary = await sequentialLatency(driver, SEQ_CALLS);
  const [rps1, rps8, rps64] = [await throughput(driver, 1, SECONDS), await throughput(driver, 8, SECONDS), await throughput(driver, 64, SECONDS)];
  return { transport: driver.name, p50Ms: seq.p50, p99Ms: seq.p99, rps1, rps8, rps64 };
}

async function versionAnswerBytes(d: BenchDaemon): Promise<number> {
  const c = await WsRpcClient.connect(`ws://127.0.0.1:${d.port}/?token=${d.token}`, 'mcp');
  await c.initialize();
  const answer = await c.request('tools/call', { name: 'version', arguments: {} });
  c.close();
  return JSON.stringify(answer).length;
}

async function startSupergateway(): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/supergateway/dist/index.js'), '--stdio', `"${process.execPath}" "${join(ROOT, 'bench/servers/peer-stdio-server.ts')}"`, '--outputTransport', 'ws', '--port', String(port), '--logLevel', 'none'],
    { env: benchEnv(), stdio: 'ignore' },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/message`);
      c.close();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('supergateway did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { port, stop: () => child.kill('SIGTERM') };
}

async function measureBridge(entry: string, d: BenchDaemon): Promise<TrivialRow> {
  const driver = bridgeDriver(entry, d.port, d.token, benchEnv());
  try {
    const seq = await sequentialLatency(driver, SEQ_CALLS);
    const conn = await driver.open();
    const rps1 = await pipelinedThroughput(conn, 1, SECONDS);
    const rps8 = await pipelinedThroughput(conn, 8, SECONDS);
    const rps64 = await pipelinedThroughput(conn, 64, SECONDS);
    conn.close();
    return { transport: `${driver.name}¹`, p50Ms: seq.p50, p99Ms: seq.p99, rps1, rps8, rps64 };
  } finally {
    for (const child of driver.children) child.kill();
  }
}

export async function runTrivial(entry: string): Promise<TrivialResult> {
  const daemon = await startBenchDaemon(entry, { EXAI_MAX_SESSIONS: '2000' });
  const answerBytes = await versionAnswerBytes(daemon);
  const echo = await startPortPrinter([join(ROOT, 'bench/servers/echo-server.ts'), String(answerBytes)]);
  const peer = await startSupergateway();
  const rows: TrivialRow[] = [];
  try {
    rows.push(await measure(echoDriver(echo.port)));
    rows.push(await measure(mcpWsDriver(daemon.port, daemon.token)));
    rows.push(await measure(mcpHttpDriver(daemon.port, daemon.token)));
    rows.push(await measure(legacyDriver(daemon.port, daemon.token)));
    rows.push(await measureBridge(entry, daemon));
    rows.push(await measure(supergatewayDriver(peer.port)));
  } finally {
    echo.child.kill();
    peer.stop();
    await daemon.stop();
  }
  return {
    answerBytes,
    rows,
    note: '¹ one bridge process is one stdio client: its 8 and 64 columns are requests in flight on that one client.',
  };
}
