import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/daemon.ts';
import { startHarness, type Harness } from './harness.ts';
import { button, goTo, waitForBadge } from './ui.ts';

describe('Settings page', () => {
  let h: Harness;
  beforeAll(async () => {
    // As on macOS, where Start at Login exists (app-shell.test.ts checks it is hidden on Linux).
    h = await startHarness({ reportedPlatform: 'darwin' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('validates each field inline, with the error next to it', async () => {
    const { page } = h;
    await h.open('settings');
    const port = page.getByLabel('Port', { exact: true });
    await port.fill('70000');
    await port.blur();
    const error = page.getByText('Port must be 1–65,535');
    await error.waitFor();
    // Tied to the input for screen readers, and the input is marked invalid.
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await port.getAttribute('aria-describedby')) ?? '';
    expect(await error.getAttribute('id')).toBe(describedBy.split(' ')[0]);

    const url = page.getByLabel('Kimi base URL', { exact: true });
    await url.fill('moonshot');
    await url.blur();
    await page.getByText('Enter a full URL, like https://api.example.com/v1').waitFor();

    await port.fill(String(h.port));
    await error.waitFor({ state: 'detached' });
    await url.fill(h.core.settings.values.baseUrls.kimi);
    await page
      .getByText('Enter a full URL, like https://api.example.com/v1')
      .waitFor({ state: 'detached' });

    // Nothing is sent while a field is invalid: a host with a space, which only the form refuses
    // (the main process would store it). Saving shows the error, and no settings:update goes out.
    const host = page.getByLabel('Host', { exact: true });
    await host.fill('my host');
    await button(page, 'Save changes').click();
    await page.getByText('Host cannot contain spaces').waitFor();
    expect(h.ipcCalls.filter((c) => c.channel === 'settings:update')).toEqual([]);
    expect(h.core.settings.values.host).toBe('127.0.0.1');
    await host.fill('127.0.0.1');
    await url.fill('moonshot');
    await button(page, 'Revert').click();
    expect(await url.inputValue()).toBe(h.core.settings.values.baseUrls.kimi);
  });

  it('saving a limit stores it and restarts the daemon with it', async () => {
    const { page } = h;
    await h.open('settings');
    const pid = h.core.supervisor.state.pid;
    const global = page.getByLabel('All calls');
    await global.fill('12');
    await button(page, 'Save changes').click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(h.core.settings.values.limits.global).toBe(12);
    await expect.poll(() => h.core.supervisor.state.pid, { timeout: 20_000 }).not.toBe(pid);
    await waitForBadge(page, 'running');
    await expect
      .poll(() => h.core.supervisor.lastStatus?.limits.global, { timeout: 10_000 })
      .toBe(12);
  });

  it('toggles start at login', async () => {
    const { page } = h;
    await h.open('settings');
    const box = page.getByLabel('Start EXAI Desktop when I log in');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.startAtLogin).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('the default model is a select of "auto" and every catalog model with its aliases, saying what "auto" picks', async () => {
    const { page } = h;
    await h.open('settings');
    const select = page.getByTestId('default-model');
    await expect
      .poll(() => select.locator('option').count(), { timeout: 10_000 })
      .toBeGreaterThan(10);
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('auto — choose per tool');
    for (const name of [
      'kimi-k2-0905-preview (also: kimi-k2-0905, kimi-k2)',
      'moonshot-v1-8k',
      'glm-4.6 (also: glm-4-6)',
      'glm-4.5-flash (also: glm-flash)',
    ])
      expect(options).toContain(name);
    expect(
      await select.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
    ).toEqual(['Kimi', 'GLM']);
    const auto = page.getByTestId('auto-explained');
    expect(await auto.textContent()).toBe(
      '“auto” uses glm-4.5-flash for quick tools (chat, planner, challenge, tracer) and kimi-k2-0905-preview for deep ones (thinkdeep, codereview, secaudit, consensus). Mostly-Chinese prompts prefer Kimi; a provider without a key is skipped.',
    );

    await select.selectOption('glm-4.5-air');
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.defaultModel).toBe('glm-4.5-air');
    await select.selectOption('auto');
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.defaultModel).toBe('auto');
  });

  it('base URLs have presets (global and China) and a Reset to default', async () => {
    const { page } = h;
    await h.open('settings');
    const kimi = page.getByLabel('Kimi base URL', { exact: true });
    const preset = page.getByLabel('Kimi base URL preset');
    // The harness points Kimi at the fake provider: a custom URL.
    expect(await preset.inputValue()).toBe('custom');
    await preset.selectOption({ label: 'Moonshot China' });
    expect(await kimi.inputValue()).toBe('https://api.moonshot.cn/v1');
    await preset.selectOption({ label: 'Moonshot global' });
    expect(await kimi.inputValue()).toBe('https://api.moonshot.ai/v1');
    await page
      .getByLabel('GLM base URL preset')
      .selectOption({ label: 'Zhipu China (bigmodel.cn)' });
    expect(await page.getByLabel('GLM base URL', { exact: true }).inputValue()).toBe(
      'https://open.bigmodel.cn/api/paas/v4',
    );
    await page.getByRole('button', { name: 'Reset GLM base URL to its default' }).click();
    expect(await page.getByLabel('GLM base URL', { exact: true }).inputValue()).toBe(
      'https://api.z.ai/api/paas/v4',
    );
    expect(
      await page.getByRole('button', { name: 'Reset GLM base URL to its default' }).isDisabled(),
    ).toBe(true);
    // Nothing is saved until Save: Revert brings back the stored URLs.
    await button(page, 'Revert').click();
    expect(await kimi.inputValue()).toBe(h.core.settings.values.baseUrls.kimi);
    expect(
      h.ipcCalls.filter(
        (c) => c.channel === 'settings:update' && JSON.stringify(c.args).includes('baseUrls'),
      ),
    ).toEqual([]);
  });

  it('leaving Settings with unsaved edits asks first; Cancel keeps the edits, Discard leaves', async () => {
    const { page } = h;
    await h.open('settings');
    const timeout = page.getByLabel('Call timeout (seconds)');
    await timeout.fill('77');
    await page
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Logs', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog
      .getByText('Your changes on the Settings page have not been saved and will be lost.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('#page-title').textContent()).toBe('Settings');
    expect(await timeout.inputValue()).toBe('77');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/settings');

    await page
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Logs', exact: true })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
    await page.locator('#page-title', { hasText: 'Logs' }).waitFor();
    expect(h.core.settings.values.callTimeoutS).not.toBe(77);
    // With nothing edited, leaving asks nothing.
    await goTo(page, 'Settings');
    await goTo(page, 'Overview');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('saving a host other machines can reach, or a new port, warns first', async () => {
    const { page } = h;
    await h.open('settings');
    const host = page.getByLabel('Host', { exact: true });
    await host.fill('0.0.0.0');
    await button(page, 'Save changes').click();
    const warning = page.getByTestId('save-warning');
    await warning
      .getByText(
        'Host 0.0.0.0 lets other machines on your network reach the daemon (they still need the token).',
      )
      .waitFor();
    await warning.getByRole('button', { name: 'Cancel' }).click();
    expect(h.core.settings.values.host).toBe('127.0.0.1');
    expect(
      h.ipcCalls.filter(
        (c) => c.channel === 'settings:update' && JSON.stringify(c.args).includes('0.0.0.0'),
      ),
    ).toEqual([]);
    await button(page, 'Revert').click();

    const port = await freePort();
    const old = h.core.settings.values.port;
    await page.getByLabel('Port', { exact: true }).fill(String(port));
    await button(page, 'Save changes').click();
    await page
      .getByTestId('save-warning')
      .getByText(
        `The port changes from ${old} to ${port}: client configs you pasted earlier must be updated.`,
      )
      .waitFor();
    await page.getByTestId('save-warning').getByRole('button', { name: 'Save anyway' }).click();
    await expect.poll(() => h.core.settings.values.port).toBe(port);
    await waitForBadge(page, 'running');
    expect(h.pageErrors).toEqual([]);
  });
});
