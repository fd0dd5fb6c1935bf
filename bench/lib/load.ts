import type { Conn, Driver } from './drivers.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** p50/p99 of one sequential client, after a warm-up. */
export async function sequentialLatency(driver: Driver, calls: number, warmup = 200): Promise<LatencySummary> {
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

/** Calls per second with `clients` connections each calling back-to-back for `seconds`. */
export async function throughput(driver: Driver, clients: number, seconds: number, opened?: Conn[]): Promise<number> {
  const conns = opened ?? (await Promise.all(Array.from({ length: clients }, () => driver.open())));
  try {
    for (const c of conns) await c.call();
    let done = 0;
    const stopAt = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      conns.map(async (c) => {
        while (performance.now() < stopAt) {
          await c.call();
          done += 1;
        }
      }),
    );
    return done / ((performance.now() - t0) / 1000);
  } finally {
    if (!opened) for (const c of conns) c.close();
  }
}

/** Several requests in flight on one connection (for the bridge, where one process is one client). */
export async function pipelinedThroughput(conn: Conn, inflight: number, seconds: number): Promise<number> {
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
