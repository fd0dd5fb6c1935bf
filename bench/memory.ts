import { WsRpcClient } from './lib/rpc-client.ts';
import { echoDriver, mcpWsDriver, type Conn } from './lib/drivers.ts';
import { ROOT, rssOf, startBenchDaemon, startPortPrinter } from './lib/processes.ts';
import { IDLE_TRIM_MS } from '../daemon/lifecycle/idle-trim.ts';

const IDLE_SESSIONS = 1000;
/** RSS is read at each of these counts of idle MCP-WS sessions (the last is IDLE_SESSIONS). */
const SESSION_STEPS = [10, 100, IDLE_SESSIONS];

async function settle(ms = 500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

async function callMany(port: number, token: string, total: number, clients = 32): Promise<void> {
  const driver = mcpWsDriver(port, token);
  const conns = await Promise.all(Array.from({ length: clients }, () => driver.open()));
  let left = total;
  await Promise.all(
    conns.map(async (c) => {
      while (left > 0) {
        left -= 1;
        await c.call();
      }
    }),
  );
  for (const c of conns) c.close();
}

export interface MemoryResult {
  /** 1 s after the daemon answered /healthz. */
  idleRssMb: number;
  /** Idle long enough for the daemon's idle trim (IDLE_TRIM_MS after start). */
  idleTrimmedRssMb: number;
  /** The same, after the 20,000 calls. */
  rssAfter20kIdleMb: number;
  /**
   * What each idle session adds, from the first step (10 sessions) to the last: the first MCP
   * session also loads the MCP SDK once (about 10 MB), which is not a per-session cost.
   */
  perSessionKb: number;
  /** The same from no session at all, the SDK's one-time load spread over the sessions. */
  perSessionFromIdleKb: number;
  sessions: number;
  rssAfter2kMb: number;
  rssAfter20kMb: number;
  /** RSS with 10, 100 and 1,000 idle sessions open. */
  idleSessions: Array<{ sessions: number; rssMb: number }>;
  /** The baseline: RSS per idle connection of a raw `ws` echo server, as many connections. */
  echoPerConnectionKb: number;
}

/** What an idle connection costs a bare `ws` server (each has had one request answered). */
async function echoPerConnectionKb(): Promise<number> {
  const { child, port } = await startPortPrinter([`${ROOT}bench/servers/echo-server.ts`, '454']);
  const driver = echoDriver(port);
  try {
    await settle(1000);
    const idle = rssOf(child.pid!);
    const conns: Conn[] = [];
    while (conns.length < IDLE_SESSIONS) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, IDLE_SESSIONS - conns.length) }, async () => {
          const c = await driver.open();
          await c.call();
          return c;
        }),
      );
      conns.push(...batch);
    }
    await settle(1000);
    const perConnection = (rssOf(child.pid!) - idle) / IDLE_SESSIONS / 1024;
    for (const c of conns) c.close();
    return perConnection;
  } finally {
    child.kill();
  }
}

export async function runMemory(entry: string): Promise<MemoryResult> {
  const d = await startBenchDaemon(entry, { EXAI_MAX_SESSIONS: String(IDLE_SESSIONS + 100) });
  const pid = d.child.pid!;
  try {
    await settle(1000);
    const idle = rssOf(pid);
    // The daemon gives memory back once it has been quiet for IDLE_TRIM_MS (idle-trim.ts).
    await settle(IDLE_TRIM_MS + 1500);
    const idleTrimmed = rssOf(pid);

    const clients: WsRpcClient[] = [];
    const idleSessions: Array<{ sessions: number; rssMb: number }> = [];
    for (const target of SESSION_STEPS) {
      while (clients.length < target) {
        const batch = Math.min(50, target - clients.length);
        clients.push(
          ...(await Promise.all(
            Array.from({ length: batch }, async () => {
              const c = await WsRpcClient.connect(
                `ws://127.0.0.1:${d.port}/?token=${d.token}`,
                'mcp',
              );
              await c.initialize();
              return c;
            }),
          )),
        );
      }
      await settle(target === IDLE_SESSIONS ? 1000 : 300);
      idleSessions.push({ sessions: target, rssMb: rssOf(pid) / 2 ** 20 });
    }
    const withSessions = rssOf(pid);
    for (const c of clients) c.close();
    await settle(1000);

    await callMany(d.port, d.token, 2_000);
    await settle();
    const after2k = rssOf(pid);
    await callMany(d.port, d.token, 18_000);
    await settle();
    const after20k = rssOf(pid);
    await settle(IDLE_TRIM_MS + 1500);
    const after20kIdle = rssOf(pid);
    return {
      idleRssMb: idle / 2 ** 20,
      idleTrimmedRssMb: idleTrimmed / 2 ** 20,
      rssAfter20kIdleMb: after20kIdle / 2 ** 20,
      perSessionKb:
        (withSessions - idleSessions[0]!.rssMb * 2 ** 20) /
        (IDLE_SESSIONS - idleSessions[0]!.sessions) /
        1024,
      perSessionFromIdleKb: (withSessions - idle) / IDLE_SESSIONS / 1024,
      sessions: IDLE_SESSIONS,
      rssAfter2kMb: after2k / 2 ** 20,
      rssAfter20kMb: after20k / 2 ** 20,
      idleSessions,
      echoPerConnectionKb: await echoPerConnectionKb(),
    };
  } finally {
    await d.stop();
  }
}
