import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { button, waitForBadge } from './ui.ts';

describe('Settings page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
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

    const url = page.getByLabel('Kimi base URL');
    await url.fill('moonshot');
    await url.blur();
    await page.getByText('Enter a full URL, like https://api.example.com/v1').waitFor();

    await port.fill(String(h.port));
    await error.waitFor({ state: 'detached' });
    await url.fill(h.core.settings.values.baseUrls.kimi);
    await page.getByText('Enter a full URL, like https://api.example.com/v1').waitFor({ state: 'detached' });

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
    await expect.poll(() => h.core.supervisor.lastStatus?.limits.global, { timeout: 10_000 }).toBe(12);
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
});
