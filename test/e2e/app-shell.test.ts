import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, goTo, waitForBadge } from './ui.ts';

// What frames every page: the daemon's state told honestly (amber while no provider can answer),
// the theme, the About view, Quit, and the one-time note about the tray.
describe('the app around the pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // no keys, as on a first run
  });
  afterAll(async () => {
    await h?.close();
  });

  const sidebarBadge = () => h.page.locator('.sidebar .badge');

  it('a running daemon with no key shows amber "Running — no provider configured", with a way to Settings', async () => {
    const { page } = h;
    await h.open('overview');
    await waitForBadge(page, 'running');
    await page
      .locator('.sidebar .badge[data-readiness="no-provider"]')
      .waitFor({ timeout: 10_000 });
    expect(await sidebarBadge().textContent()).toBe('Running — no provider configured');
    expect(await sidebarBadge().getAttribute('class')).toContain('state-degraded');
    const hero = page.getByRole('region', { name: 'Daemon' });
    expect(await hero.locator('.badge').textContent()).toBe('Running — no provider configured');
    await page.getByTestId('readiness-note').getByText('No API key is set').waitFor();
    // Amber, not green: the badge wears the warning colour.
    const colors = await sidebarBadge().evaluate((el) => {
      const css = getComputedStyle(document.documentElement);
      return { badge: getComputedStyle(el).color, warn: css.getPropertyValue('--warn').trim() };
    });
    expect(colors.badge).toBe(hexToRgb(colors.warn));

    await page
      .getByTestId('readiness-note')
      .getByRole('link', { name: 'Add a key in Settings' })
      .click();
    await page.locator('#page-title', { hasText: 'Settings' }).waitFor();

    // A key makes it plain "Running" again.
    await h.core.settings.setKey('kimi', KIMI_KEY);
    await page.locator('.sidebar .badge[data-readiness="ready"]').waitFor({ timeout: 10_000 });
    expect(await sidebarBadge().textContent()).toBe('Running');
    expect(await page.locator('.sidebar .sidebar-fix').count()).toBe(0);
    await h.core.settings.clearKey('kimi');
    await page
      .locator('.sidebar .badge[data-readiness="no-provider"]')
      .waitFor({ timeout: 10_000 });
  });

  it('Settings → Theme switches light and dark at once, remembers it, and "system" follows the OS', async () => {
    const { page } = h;
    await page.emulateMedia({ colorScheme: 'light' });
    await h.open('settings');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await theme()).toBe('light');
    const light = await background();

    await page.getByTestId('theme-choice').getByText('Dark', { exact: true }).click();
    await expect.poll(theme).toBe('dark');
    expect(await background()).not.toBe(light);
    await expect.poll(() => h.core.settings.values.theme).toBe('dark');
    // Stored: a new window opens dark though the OS is light.
    await h.open('overview');
    expect(await theme()).toBe('dark');

    await h.open('settings');
    await page.getByTestId('theme-choice').getByText('Same as the system').click();
    await expect.poll(theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    expect(h.core.settings.values.theme).toBe('system');
  });

  it('About names the app, daemon, Electron and Node versions, the data and log folders and the licences', async () => {
    const { page } = h;
    await h.open('overview');
    await goTo(page, 'About');
    const versions = page.getByTestId('about-versions');
    await versions.getByText('0.1.0-e2e').waitFor();
    await versions.getByText('43.8.12').waitFor();
    await versions.getByText(process.versions.node, { exact: true }).waitFor();
    // The daemon's own version, from its status.
    const daemonVersion = h.core.supervisor.lastStatus?.version ?? '';
    expect(daemonVersion).not.toBe('');
    await versions.getByText(daemonVersion, { exact: true }).waitFor();
    const info = h.core.connectInfo();
    await page.getByText(info.logDir, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Copy Log folder path' }).click();
    await expect.poll(() => h.clipboard.at(-1)).toBe(info.logDir);
    await page.getByText('EXAI Desktop is released under the MIT licence').waitFor();
    await page.getByText('lucide-react', { exact: true }).waitFor();
    expect(JSON.parse(readFileSync('package.json', 'utf8')).license).toBe('MIT');
  });

  it('Quit in the sidebar quits the app', async () => {
    const { page } = h;
    await h.open('overview');
    const before = h.quits;
    await page
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('button', { name: 'Quit EXAI' })
      .click();
    await expect.poll(() => h.quits).toBe(before + 1);
  });

  it('says once that closing the window keeps EXAI running in the tray', async () => {
    const { page } = h;
    await h.open('overview');
    expect(await page.getByTestId('tray-note').count()).toBe(0); // the harness has seen it
    await page.evaluate(() => window.localStorage.removeItem('exai.trayNoteSeen'));
    await h.open('overview');
    const note = page.getByTestId('tray-note');
    await note.getByText('Closing this window keeps EXAI running in the tray').waitFor();
    await button(page, 'Got it').click();
    await note.waitFor({ state: 'detached' });
    await h.open('logs');
    expect(await page.getByTestId('tray-note').count()).toBe(0);
  });

  it('hides "Start at Login" on Linux, where it would do nothing', async () => {
    const { page } = h;
    await h.open('settings');
    await page.getByText('Check for updates', { exact: false }).first().waitFor();
    expect(await page.getByLabel('Start EXAI Desktop when I log in').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('the only key rejected by its provider shows amber "no provider available"', async () => {
    const { page } = h;
    await h.core.settings.setKey('kimi', 'sk-kimi-wrong-key-0000000000');
    await h.open('overview');
    await page.locator('.sidebar .badge[data-readiness="ready"]').waitFor({ timeout: 10_000 });
    const client = await h.connectClient('rejected-client', '1.0.0');
    await client
      .callTool({ name: 'chat', arguments: { prompt: 'hello', model: 'kimi-k2-0905-preview' } })
      .catch(() => undefined);
    await expect
      .poll(
        () => h.core.supervisor.lastStatus?.providers.find((p) => p.id === 'kimi')?.keyRejected,
        { timeout: 10_000 },
      )
      .toBe(true);
    await page
      .locator('.sidebar .badge[data-readiness="providers-down"]')
      .waitFor({ timeout: 10_000 });
    expect(await sidebarBadge().textContent()).toBe('Running — no provider available');
    await page
      .getByTestId('readiness-note')
      .getByRole('link', { name: 'Check keys in Settings' })
      .waitFor();
    // A good key clears it.
    await h.core.settings.setKey('kimi', KIMI_KEY);
    await page.locator('.sidebar .badge[data-readiness="ready"]').waitFor({ timeout: 10_000 });
  });
});

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
