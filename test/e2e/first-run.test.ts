import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, goTo } from './ui.ts';

// A new user's first window: no key and the setup neither finished nor skipped. The real desktop
// core and daemon behind it; the clients' config files in the harness's temporary home.

describe('first run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ firstRun: true });
    mkdirSync(join(h.home, '.cursor')); // Cursor is installed; nothing else is
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens on the setup when no key is set, and Skip leaves it for good', async () => {
    const { page } = h;
    await h.open('overview');
    await page.locator('#page-title', { hasText: 'Welcome to EXAI Desktop' }).waitFor();
    // Only the clients found on this machine are offered.
    await page.locator('[data-setup="cursor"]').waitFor();
    expect(await page.locator('[data-setup]').count()).toBe(1);

    await button(page, 'Skip setup').click();
    await page.locator('#page-title', { hasText: 'Overview' }).waitFor();
    expect(h.core.settings.values.firstRunDone).toBe(true);
    // A new window (or the next start) opens on the Overview.
    await h.open('overview');
    await page.waitForTimeout(300);
    expect(await page.locator('#page-title').textContent()).toBe('Overview');
  });

  it('reopens from Settings: a key saved and tested, a client connected, Done', async () => {
    const { page } = h;
    await goTo(page, 'Settings');
    await page.getByRole('link', { name: 'Run first-time setup again' }).click();
    await page.locator('#page-title', { hasText: 'Welcome to EXAI Desktop' }).waitFor();

    const kimi = page.locator('.setup-provider[data-provider="kimi"]');
    await kimi.getByLabel('Kimi API key').fill(KIMI_KEY);
    await kimi.getByRole('button', { name: 'Save', exact: true }).click();
    await kimi.getByText(/A key ending in cdef is saved/).waitFor();
    await expect
      .poll(() => h.core.settings.view().keys.kimi)
      .toEqual({ configured: true, last4: 'cdef' });
    await kimi.getByRole('button', { name: 'Test Kimi connection' }).click();
    await page.getByTestId('kimi-test-result').getByText('Connected').waitFor({ timeout: 20_000 });

    await page
      .locator('[data-setup="cursor"]')
      .getByRole('button', { name: 'Add to Cursor' })
      .click();
    await page
      .getByTestId('cursor-check')
      .filter({ hasText: /^Verified at/ })
      .waitFor({ timeout: 20_000 });
    // First run offers no Remove or Restore: that is the Connect page's job.
    expect(
      await page
        .locator('[data-setup="cursor"]')
        .getByRole('button', { name: /Remove|Restore/ })
        .count(),
    ).toBe(0);

    await button(page, 'Done').click();
    await page.locator('#page-title', { hasText: 'Overview' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('a user with a key never lands on the setup, even if it was never finished', async () => {
    await h.core.settings.update({ firstRunDone: false });
    await h.open('overview');
    await h.page.waitForTimeout(300);
    expect(await h.page.locator('#page-title').textContent()).toBe('Overview');
  });
});
