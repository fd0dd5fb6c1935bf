import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { WsRpcClient } from './lib/rpc-client.ts';
import {
  bridgeDriver,
  echoDriver,
  httpEchoDriver,
  legacyDriver,
  mcpHttpDriver,
  mcpWsDriver,
  supergatewayDriver,
  supergatewayHttpDriver,
  type Conn,
  type Driver,
} from './lib/drivers.ts';
import { HttpClient } from './lib/http-client.ts';
import { load, pipelinedThroughput, sequentialLatency, type LoadSummary } from './lib/load.ts';
import {
  ROOT,
  benchEnv,
  freePort,
  startBenchDaemon,
  startPortPrinter,
  type BenchDaemon,
} from './lib/processes.ts';

export interface TrivialRow {
  transport: string;
  p50Ms: number;
  p99Ms: number;
  rps1: number;
  rps8: number;
  rps64: number;
  /** The server process's CPU time per call at 64 clients, where the server is one process. */
  cpuUs64?: number;
}

export interface ScalingRow {
  transport: string;
  points: LoadSummary[];
}

export interface TrivialResult {
  answerBytes: number;
  rows: TrivialRow[];
  /** Throughput and latency of the daemon's two MCP transports as clients grow. */
  scaling: ScalingRow[];
  note: string;
}

const SEQ_CALLS = 1000;
const SECONDS = 1;
const SCALE = [1, 8, 64, 256];

async function measure(driver: Driver, opened?: Conn[], serverPid?: number): Promise<TrivialRow> {
  const seq = await sequentialLatency(driver, SEQ_CALLS);
  const [r1, r8, r64] = [
    await load(driver, 1, SECONDS, opened),
    await load(driver, 8, SECONDS, opened),
    await load(driver, 64, SECONDS, opened, serverPid),
  ];
  return {
    transport: driver.name,
    p50Ms: seq.p50,
    p99Ms: seq.p99,
    rps1: r1.rps,
    rps8: r8.rps,
    rps64: r64.rps,
    ...(r64.cpuUsPerCall !== undefined ? { cpuUs64: r64.cpuUsPerCall } : {}),
  };
}

/** The table row and the scaling curve from one set of loads (1, 8, 64 clients are shared). */
async function measureScaling(
  driver: Driver,
  daemonPid: number,
): Promise<{ row: TrivialRow; scaling: ScalingRow }> {
  const seq = await sequentialLatency(driver, SEQ_CALLS);
  const points: LoadSummary[] = [];
  for (const clients of SCALE)
    points.push(await load(driver, clients, SECONDS, undefined, daemonPid));
  const rps = (n: number) => points.find((p) => p.clients === n)!.rps;
  return {
    row: {
      transport: driver.name,
      p50Ms: seq.p50,
      p99Ms: seq.p99,
      rps1: rps(1),
      rps8: rps(8),
      rps64: rps(64),
      cpuUs64: points.find((p) => p.clients === 64)!.cpuUsPerCall,
    },
    scaling: { transport: driver.name, points },
  };
}

async function versionAnswerBytes(d: BenchDaemon): Promise<number> {
  const c = await WsRpcClient.connect(`ws://127.0.0.1:${d.port}/?token=${d.token}`, 'mcp');
  await c.initialize();
  const answer = await c.request('tools/call', { name: 'version', arguments: {} });
  c.close();
  return JSON.stringify(answer).length;
}

/** supergateway over the same stdio peer server, exposed as `transport` (ws, or stateful Streamable HTTP). */
async function startSupergateway(
  transport: 'ws' | 'streamableHttp',
): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const out =
    transport === 'ws'
      ? ['--outputTransport', 'ws']
      : ['--outputTransport', 'streamableHttp', '--stateful'];
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/supergateway/dist/index.js'),
      '--stdio',
      `"${process.execPath}" "${join(ROOT, 'bench/servers/peer-stdio-server.ts')}"`,
      ...out,
      '--port',
      String(port),
      '--logLevel',
      'none',
    ],
    { env: benchEnv(), stdio: 'ignore' },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if (transport === 'ws') (await WsRpcClient.connect(`ws://127.0.0.1:${port}/message`)).close();
      else {
        const http = new HttpClient(`http://127.0.0.1:${port}/healthz`);
        await http.send('GET', {});
        http.close();
      }
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

/**
 * supergateway's stateful HTTP mode starts one stdio server per session: open the 64 sessions
 * once (not timed) and run every load over them.
 */
async function measureSupergatewayHttp(): Promise<TrivialRow> {
  const peer = await startSupergateway('streamableHttp');
  const driver = supergatewayHttpDriver(peer.port);
  try {
    const conns: Conn[] = [];
    for (let i = 0; i < 64; i += 8)
      conns.push(...(await Promise.all(Array.from({ length: 8 }, () => driver.open()))));
    const seqDriver: Driver = {
      name: driver.name,
      open: async () => ({ call: () => conns[0]!.call(), close: () => undefined }),
    };
    const row = await measure(seqDriver, conns);
    for (const c of conns) c.close();
    return { ...row, transport: `${row.transport}²` };
  } finally {
    await new Promise((r) => setTimeout(r, 200));
    peer.stop();
  }
}

export async function runTrivial(entry: string): Promise<TrivialResult> {
  const daemon = await startBenchDaemon(entry, { EXAI_MAX_SESSIONS: '2000' });
  const answerBytes = await versionAnswerBytes(daemon);
  const echo = await startPortPrinter([
    join(ROOT, 'bench/servers/echo-server.ts'),
    String(answerBytes),
  ]);
  const httpEcho = await startPortPrinter([
    join(ROOT, 'bench/servers/http-echo-server.ts'),
    String(answerBytes),
  ]);
  const peer = await startSupergateway('ws');
  const rows: TrivialRow[] = [];
  const scaling: ScalingRow[] = [];
  try {
    rows.push(await measure(echoDriver(echo.port), undefined, echo.child.pid));
    rows.push(await measure(httpEchoDriver(httpEcho.port), undefined, httpEcho.child.pid));
    for (const driver of [
      mcpWsDriver(daemon.port, daemon.token),
      mcpHttpDriver(daemon.port, daemon.token),
    ]) {
      const m = await measureScaling(driver, daemon.child.pid!);
      rows.push(m.row);
      scaling.push(m.scaling);
    }
    rows.push(await measure(legacyDriver(daemon.port, daemon.token), undefined, daemon.child.pid));
    rows.push(await measureBridge(entry, daemon));
    rows.push(await measure(supergatewayDriver(peer.port)));
    peer.stop();
    rows.push(await measureSupergatewayHttp());
  } finally {
    echo.child.kill();
    httpEcho.child.kill();
    peer.stop();
    await daemon.stop();
  }
  return {
    answerBytes,
    rows,
    scaling,
    note: "¹ one bridge process is one stdio client: its 8 and 64 columns are requests in flight on that one client. ² supergateway's stateful HTTP mode starts one stdio server process per session; its 64 sessions were opened before timing.",
  };
}
