import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { GLM_KEY, KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { captureChineseScreenshots } from './screenshots-zh.ts';
import { goTo } from './ui.ts';

// A screenshot of every page, light and dark, from the real stack with some traffic on it.
// They go to docs/screenshots/ for the README.

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PAGES = [
  { file: 'overview', link: 'Overview' },
  { file: 'providers', link: 'Providers' },
  { file: 'sessions', link: 'Sessions' },
  { file: 'health', link: 'Health' },
  { file: 'logs', link: 'Logs' },
  { file: 'connect', link: 'Connect a client' },
  { file: 'settings', link: 'Settings' },
] as const;

describe('screenshots', () => {
  let h: Harness;
  let slow: Promise<unknown> | undefined;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    h = await startHarness({ keys: { kimi: KIMI_KEY, glm: GLM_KEY } });
  });
  afterAll(async () => {
    // Closing the clients ends the long call; it is not waited for.
    await h?.close();
    await slow?.catch(() => undefined);
  });

  it('captures every page in light and dark', async () => {
    const { page } = h;
    await h.open('overview');
    const code: Client = await h.connectClient('claude-code', '2.0.14');
    const cursor: Client = await h.connectClient('cursor', '1.7.2');
    // Some traffic for the charts and counters: a few quick calls spread over several snapshots.
    for (let i = 0; i < 6; i++) {
      h.kimi.script({ kind: 'reply', text: 'Quick answer.', latencyMs: 150 + i * 40 });
      await (i % 2 ? cursor : code).callTool({ name: 'chat', arguments: { prompt: `question ${i}`, model: 'kimi-k2-0905-preview' } });
      await new Promise((r) => setTimeout(r, 700));
    }
    await goTo(page, 'Providers');
    await page.locator('[data-provider="kimi"]').getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('kimi-test-result').locator('.test-result').waitFor({ timeout: 20_000 });

    // A long call stays in flight for the Sessions shot, expanded.
    h.kimi.script({ kind: 'reply', text: 'Done thinking.', latencyMs: 60_000 });
    slow = code.callTool({ name: 'chat', arguments: { prompt: 'Review this slowly.', model: 'kimi-k2-0905-preview' } });
    slow.catch(() => undefined);
    await goTo(page, 'Sessions');
    const row = page.locator('tr[data-session]', { hasText: 'claude-code' });
    await row.getByTestId('session-inflight').filter({ hasText: '1' }).waitFor({ timeout: 15_000 });

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of PAGES) {
        await goTo(page, p.link);
        if (p.file === 'health') await page.locator('.chart .u-over').first().waitFor();
        if (p.file === 'sessions') await page.getByRole('button', { name: 'claude-code 2.0.14' }).click();
        // Let charts and the 1 s clock settle so the shot is not mid-update.
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(OUT, `${p.file}-${scheme}.png`), fullPage: true });
      }
    }
    await captureChineseScreenshots(h, OUT);
    expect(h.pageErrors).toEqual([]);
  });
});
