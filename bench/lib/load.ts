import type { Conn, Driver } from './drivers.ts';
import { summarize, type LatencySummary } from './stats.ts';
import { cpuMsOf } from './processes.ts';

/** p50/p99 of one sequential client, after a warm-up. */
export async function sequentialLatency(
  driver: Driver,
  calls: number,
  warmup = 200,
): Promise<LatencySummary> {
  const conn = await driver.open();
  try {
    for (let i = 0; i < warmup; i += 1) await conn.call();
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const t0 = performance.now();
      await conn.call();
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  } finally {
    conn.close();
  }
}

export interface LoadSummary {
  clients: number;
  calls: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The server's own CPU time per call (user + system), when its pid was given: what a loaded machine skews least. */
  cpuUsPerCall?: number;
}

/**
 * `clients` connections each calling back-to-back for `seconds`: calls per second, and the
 * latency of each call under that load. `opened` reuses connections (their first `clients`).
 */
export async function load(
  driver: Driver,
  clients: number,
  seconds: number,
  opened?: Conn[],
  serverPid?: number,
): Promise<LoadSummary> {
  const conns = opened
    ? opened.slice(0, clients)
    : await Promise.all(Array.from({ length: clients }, () => driver.open()));
  try {
    await Promise.all(conns.map((c) => c.call()));
    const samples: number[] = [];
    const cpu0 = serverPid === undefined ? 0 : cpuMsOf(serverPid);
    const stopAt = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      conns.map(async (c) => {
        for (let t = performance.now(); t < stopAt;) {
          await c.call();
          const now = performance.now();
          samples.push(now - t);
          t = now;
        }
      }),
    );
    const { p50, p99 } = summarize(samples);
    const elapsedS = (performance.now() - t0) / 1000;
    const cpu =
      serverPid === undefined
        ? {}
        : { cpuUsPerCall: ((cpuMsOf(serverPid) - cpu0) * 1000) / samples.length };
    return {
      clients,
      calls: samples.length,
      rps: samples.length / elapsedS,
      p50Ms: p50,
      p99Ms: p99,
      ...cpu,
    };
  } finally {
    if (!opened) for (const c of conns) c.close();
  }
}

/** Calls per second with `clients` connections each calling back-to-back for `seconds`. */
export async function throughput(
  driver: Driver,
  clients: number,
  seconds: number,
  opened?: Conn[],
): Promise<number> {
  return (await load(driver, clients, seconds, opened)).rps;
}

/** Several requests in flight on one connection (for the bridge, where one process is one client). */
export async function pipelinedThroughput(
  conn: Conn,
  inflight: number,
  seconds: number,
): Promise<number> {
  let done = 0;
  const stopAt = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (performance.now() < stopAt) {
        await conn.call();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}
