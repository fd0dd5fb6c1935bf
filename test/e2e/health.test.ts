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
    h.page
      .locator('figure.chart', { has: h.page.locator('.chart-title', { hasText: title }) })
      .locator('.chart-latest')
      .textContent();

  it('shows calls per second, latency and daemon memory from the running daemon', async () => {
    const { page } = h;
    await h.open('health');
    for (const title of [
      'Calls per second',
      'Latency',
      'Errors per second',
      'Daemon memory',
      'Cache hits',
      'Coalesced calls',
    ]) {
      await page.getByRole('img', { name: `${title} over the last 15 minutes` }).waitFor();
    }
    await expect
      .poll(async () => Number(/RSS (\d+)/.exec((await latest('Daemon memory')) ?? '')?.[1] ?? 0), {
        timeout: 15_000,
      })
      .toBeGreaterThan(10);

    const client: Client = await h.connectClient('health-test', '1.0.0');
    h.kimi.latencyMs = 50;
    // Calls keep coming while the page is watched, so some one-second sample counts them.
    let n = 0;
    await expect
      .poll(
        async () => {
          void client
            .callTool({
              name: 'chat',
              arguments: { prompt: `health ${n++}`, model: 'kimi-k2-0905-preview' },
            })
            .catch(() => undefined);
          return Number(
            /calls\/s ([\d.]+)/.exec((await latest('Calls per second')) ?? '')?.[1] ?? 0,
          );
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(/p50 (\d+)/.exec((await latest('Latency')) ?? '')?.[1] ?? 0), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect(await page.getByText('Collecting data').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('charts read plainly: units on the y-axes, no unit twice, values and 24-hour times on hover', async () => {
    const { page } = h;
    await h.open('health');
    const chart = (title: string) =>
      page.locator('figure.chart', { has: page.locator('.chart-title', { hasText: title }) });
    await chart('Daemon memory').locator('.u-over').waitFor();
    // A few samples in, so the line has points to hover.
    await expect
      .poll(() => h.core.supervisor.lastStatus?.uptimeS ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(4);
    await page.waitForFunction(() => document.querySelectorAll('figure.chart').length === 6);

    // Each y-axis says what it counts.
    const axisLabels = await page.getByTestId('axis-label').allTextContents();
    expect(axisLabels).toEqual(['calls/s', 'ms', 'errors/s', 'MB', 'hits/s', 'coalesced/s']);
    // No unit said twice: "cache hits/s 0.00", not "cache hits/s 0.00 per s".
    expect((await chart('Cache hits').locator('.chart-latest').textContent())?.trim()).toMatch(
      /^cache hits\/s [\d.]+$/,
    );

    // Hovering reads the value at that moment, with its unit, and the time in 24-hour form.
    const over = chart('Daemon memory').locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const legend = chart('Daemon memory').locator('.u-legend');
    await expect
      .poll(
        async () =>
          (await legend.locator('.u-series').nth(1).locator('.u-value').textContent()) ?? '',
      )
      .toMatch(/^\d[\d,]* MB$/);
    expect(
      (await legend.locator('.u-series').first().locator('.u-value').textContent()) ?? '',
    ).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
    expect(h.pageErrors).toEqual([]);
  });
});
