import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';

// The Health page charts what the daemon reports each second: calls show up as calls/s and latency,
// and the daemon's memory is never zero.
describe('Health page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const latest = (title: string) =>
    h.page.locator('figure.chart', { has: h.page.locator('.chart-title', { hasText: title }) }).locator('.chart-latest').textContent();

  it('shows calls per second, latency and daemon memory from the running daemon', async () => {
    const { page } = h;
    await h.open('health');
    for (const title of ['Calls per second', 'Latency', 'Errors per second', 'Daemon memory', 'Cache hits', 'Coalesced calls']) {
      await page.getByRole('img', { name: `${title} over the last 15 minutes` }).waitFor();
    }
    await expect.poll(async () => Number(/RSS (\d+)/.exec((await latest('Daemon memory')) ?? '')?.[1] ?? 0), { timeout: 15_000 }).toBeGreaterThan(10);

    const client: Client = await h.connectClient('health-test', '1.0.0');
    h.kimi.latencyMs = 50;
    // Calls keep coming while the page is watched, so some one-second sample counts them.
    let n = 0;
    await expect
      .poll(
        async () => {
          void client.callTool({ name: 'chat', arguments: { prompt: `health ${n++}`, model: 'kimi-k2-0905-preview' } }).catch(() => undefined);
          return Number(/calls\/s ([\d.]+)/.exec((await latest('Calls per second')) ?? '')?.[1] ?? 0);
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBeGreaterThan(0);
    await expect.poll(async () => Number(/p50 (\d+)/.exec((await latest('Latency')) ?? '')?.[1] ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByText('Collecting data').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
