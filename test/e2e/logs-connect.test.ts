import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, goTo } from './ui.ts';

describe('Logs, Connect a client and keyboard use', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Logs tails the daemon log with level filter, search, pause, copy and open folder', async () => {
    const { page } = h;
    await h.open('logs');
    const lines = page.getByRole('log', { name: 'Daemon log' }).locator('li');
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBeGreaterThan(0);

    const first = (await lines.first().locator('.log-msg').textContent()) ?? '';
    const word = first.split(/\s+/).find((w) => w.length > 3) ?? first;
    await page.getByLabel('Search logs').fill(word);
    await expect
      .poll(async () =>
        (await lines.allTextContents()).every((t) => t.toLowerCase().includes(word.toLowerCase())),
      )
      .toBe(true);
    await page.getByLabel('Search logs').fill('no-such-line-zzz');
    await page.getByText('No lines match').waitFor();
    await page.getByLabel('Search logs').fill('');

    await page.getByLabel('Level').selectOption('fatal');
    await page.getByText('No lines match').waitFor();
    await page.getByLabel('Level').selectOption('debug');

    // Paused, new lines are held back and counted; resume shows them.
    await button(page, 'Pause').click();
    const before = await lines.count();
    void h.core.supervisor.stop(); // its shutdown lines arrive while paused
    await page.getByRole('button', { name: /^Resume \(\d+ new\)$/ }).waitFor({ timeout: 15_000 });
    expect(await lines.count()).toBe(before);
    await page.getByRole('button', { name: /^Resume/ }).click();
    await expect.poll(() => lines.count()).toBeGreaterThan(before);

    await lines.last().hover();
    await lines.last().getByRole('button', { name: 'Copy line' }).click();
    await expect
      .poll(() => h.clipboard.at(-1) ?? '')
      .toMatch(/^\d{4}-\d\d-\d\dT.* (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) /);

    await button(page, 'Open log folder').click();
    await expect.poll(() => h.openedPaths).toEqual([h.core.connectInfo().logDir]);
    await h.core.supervisor.start();
  });

  it('Logs: info and above by default, fields as key=value, Copy out of the Tab order, Clear view and Export', async () => {
    const { page } = h;
    await h.open('logs');
    const list = page.getByRole('log', { name: 'Daemon log' });
    const lines = list.locator('li');
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByLabel('Level').inputValue()).toBe('info');
    const levels = await list.locator('.log-level').allTextContents();
    expect(levels.filter((l) => l === 'debug' || l === 'trace')).toEqual([]);

    // Fields read as key=value, never a JSON object.
    const fields = await list.locator('.log-fields').allTextContents();
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      expect(f.trim()).toMatch(/^[\w.-]+=/);
      expect(f.trim().startsWith('{')).toBe(false);
    }

    // The per-line Copy is not a Tab stop, and takes no width from the message.
    expect(
      await list.getByRole('button', { name: 'Copy line' }).first().getAttribute('tabindex'),
    ).toBe('-1');
    const msg = lines.first().locator('.log-msg');
    const widthBefore = (await msg.boundingBox())!.width;
    await lines.first().hover();
    expect((await msg.boundingBox())!.width).toBe(widthBefore);
    expect((await lines.first().boundingBox())!.width - widthBefore).toBeLessThan(220);

    // Export saves what the view shows, through the app's save dialog; Cancel saves nothing.
    const shown = await lines.count();
    const path = join(h.dataDir, 'exported-log.txt');
    h.saveAs.path = undefined;
    await button(page, 'Export…').click();
    await expect.poll(() => h.ipcCalls.filter((c) => c.channel === 'logs:export').length).toBe(1);
    expect(existsSync(path)).toBe(false);
    h.saveAs.path = path;
    await button(page, 'Export…').click();
    const banner = page.getByTestId('logs-exported');
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      `Saved ${shown} ${shown === 1 ? 'line' : 'lines'} to ${path}`,
    );
    const text = readFileSync(path, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(shown);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+ (INFO|WARN|ERROR|FATAL) /);
    expect(text).not.toContain('DEBUG');
    expect(text).not.toContain(KIMI_KEY);
    h.saveAs.path = undefined;

    // Clear view empties the list; the next lines appear.
    await button(page, 'Clear view').click();
    await page.getByText('No log lines yet').waitFor();
    await h.core.supervisor.restart();
    await expect.poll(() => lines.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await lines.count()).toBeLessThan(shown + 50);
  });

  it('Connect a client offers ready-to-paste configs with the token masked on screen', async () => {
    const { page } = h;
    await h.open('connect');
    const token = h.core.settings.token();
    const http = `http://127.0.0.1:${h.port}/mcp`;
    const card = (id: string) => page.locator(`[data-client="${id}"]`);
    await card('claude-code').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(token);

    await card('claude-code')
      .getByRole('button', { name: 'Copy Claude Code configuration' })
      .click();
    await expect
      .poll(() => h.clipboard.at(-1))
      .toBe(
        `claude mcp add --scope user --transport http exai ${http} --header 'Authorization: Bearer ${token}'`,
      );

    await card('claude-desktop').getByRole('button', { name: /^Copy/ }).click();
    const desktop = JSON.parse(h.clipboard.at(-1) ?? '{}') as {
      mcpServers: { exai: { command: string; args: string[] } };
    };
    expect(desktop.mcpServers.exai.command).toBe(process.execPath);
    // The bridge is pointed at the folder where the app's daemon is running.
    const [script, command, flag, folder] = desktop.mcpServers.exai.args;
    expect(script).toMatch(/bin[\\/]exai\.js$/);
    expect([command, flag]).toEqual(['bridge', '--data-dir']);
    expect(existsSync(join(folder ?? '', 'daemon.json'))).toBe(true);

    await card('cursor').getByRole('button', { name: /^Copy/ }).click();
    expect(JSON.parse(h.clipboard.at(-1) ?? '{}')).toEqual({
      mcpServers: { exai: { url: http, headers: { Authorization: `Bearer ${token}` } } },
    });

    await card('vscode').getByRole('button', { name: /^Copy/ }).click();
    expect(JSON.parse(h.clipboard.at(-1) ?? '{}')).toEqual({
      servers: { exai: { type: 'http', url: http, headers: { Authorization: `Bearer ${token}` } } },
    });

    await page.getByLabel('Show token').check();
    await card('cursor').getByText(token).waitFor();
  });

  it('works from the keyboard: skip link, nav links, visible focus', async () => {
    const { page } = h;
    await h.open('overview');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toContain('Providers');
    // A visible focus ring, not the browser default turned off.
    const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.locator('#page-title', { hasText: 'Providers' }).waitFor();
    // Every form control on every page has an accessible name.
    for (const link of ['Settings', 'Logs', 'Connect a client', 'Sessions', 'Overview']) {
      await goTo(page, link);
      const unnamed = await page.evaluate(
        () =>
          [...document.querySelectorAll('input, select, textarea')].filter((el) => {
            const i = el as HTMLInputElement;
            return !(i.labels && i.labels.length > 0) && !i.getAttribute('aria-label');
          }).length,
      );
      expect(unnamed, `unlabelled inputs on ${link}`).toBe(0);
    }
    expect(h.pageErrors).toEqual([]);
  });
});
