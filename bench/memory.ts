import { WsRpcClient } from './lib/rpc-client.ts';
import { mcpWsDriver } from './lib/drivers.ts';
import { rssOf, startBenchDaemon } from './lib/processes.ts';

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
  idleRssMb: number;
  perSessionKb: number;
  sessions: number;
  rssAfter2kMb: number;
  rssAfter20kMb: number;
  /** RSS with 10, 100 and 1,000 idle sessions open. */
  idleSessions: Array<{ sessions: number; rssMb: number }>;
}

export async function runMemory(entry: string): Promise<MemoryResult> {
  const d = await startBenchDaemon(entry, { EXAI_MAX_SESSIONS: String(IDLE_SESSIONS + 100) });
  const pid = d.child.pid!;
  try {
    await settle(1000);
    const idle = rssOf(pid);

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
    return {
      idleRssMb: idle / 2 ** 20,
      perSessionKb: (withSessions - idle) / IDLE_SESSIONS / 1024,
      sessions: IDLE_SESSIONS,
      rssAfter2kMb: after2k / 2 ** 20,
      rssAfter20kMb: after20k / 2 ** 20,
      idleSessions,
    };
  } finally {
    await d.stop();
  }
}
