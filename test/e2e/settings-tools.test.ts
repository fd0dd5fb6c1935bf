import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { GLM_KEY, KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, goTo, waitForBadge } from './ui.ts';

// Settings › Tools: the tool profile with the Tools page's own control and save path (applied at
// once, no restart), a summary of the per-tool switches, and a way to the Tools page. A change on
// either page shows on the other.

const CORE = [
  'analyze',
  'challenge',
  'chat',
  'codereview',
  'consensus',
  'debug',
  'listmodels',
  'planner',
  'thinkdeep',
  'version',
];

describe('Settings › Tools', () => {
  let h: Harness;
  let client: Client;
  const listed = async () => (await client.listTools()).tools.map((t) => t.name).sort();
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY, glm: GLM_KEY } });
    client = await h.connectClient('claude-code', '2.0.14');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the profile picked in Settings is what clients see and what the Tools page shows', async () => {
    const { page } = h;
    await h.open('settings');
    await waitForBadge(page, 'running');
    const card = page.getByTestId('tools-card');
    const profile = card.getByLabel('Tool profile');
    expect(await profile.inputValue()).toBe('standard');
    expect(await profile.getAttribute('aria-describedby')).toBe('settings-tool-profile-hint');
    const standard = await listed();
    const shown = card.getByTestId('tools-card-shown');
    await expect.poll(() => shown.textContent()).toMatch(/^\d+ of \d+ tools shown to clients$/);
    const [, count, total] = /^(\d+) of (\d+)/.exec((await shown.textContent()) ?? '') ?? [];
    expect(Number(count)).toBe(standard.length);
    expect(Number(total)).toBeGreaterThan(standard.length);
    expect(await card.getByTestId('tools-turned-on').textContent()).toBe(
      'Switched on beyond the profile:none',
    );

    // Pick core with the keyboard, as a user without a mouse would.
    const pid = h.core.supervisor.state.pid;
    await profile.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(listed).toEqual(CORE);
    expect(h.core.settings.values.toolProfile).toBe('core');
    expect(h.core.supervisor.state.pid).toBe(pid); // no restart
    await expect.poll(() => shown.textContent()).toBe(`10 of ${total} tools shown to clients`);
    expect(await card.getByText('Core: chat, challenge').count()).toBe(1);
    // Applied at once: the page's save bar has nothing to save.
    expect(await button(page, 'Save changes').isDisabled()).toBe(true);

    // The link to the Tools page leaves without asking; that page shows the same profile.
    await card.getByRole('link', { name: 'Switch single tools on the Tools page' }).click();
    await page.locator('#page-title', { hasText: 'Tools' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByLabel('Tool profile').inputValue()).toBe('core');
    await expect
      .poll(() => page.getByRole('switch', { name: 'Show status to clients' }).isChecked())
      .toBe(false);

    // Switches flipped there show up on Settings as turned on / off beyond the profile.
    await page.getByRole('switch', { name: 'Show status to clients' }).click();
    await expect.poll(listed).toContain('status');
    await page.getByRole('switch', { name: 'Show chat to clients' }).click();
    await expect.poll(listed).not.toContain('chat');
    await goTo(page, 'Settings');
    await expect
      .poll(() => card.getByTestId('tools-turned-on').locator('code').allTextContents())
      .toEqual(['status']);
    expect(await card.getByTestId('tools-turned-off').locator('code').allTextContents()).toEqual([
      'chat',
    ]);
    await expect.poll(() => shown.textContent()).toBe(`10 of ${total} tools shown to clients`);

    // And a profile picked on the Tools page is the one Settings shows.
    await goTo(page, 'Tools');
    await page.getByLabel('Tool profile').selectOption('full');
    await expect.poll(() => h.core.settings.values.toolProfile).toBe('full');
    await goTo(page, 'Settings');
    expect(await profile.inputValue()).toBe('full');
    // In full the profile shows status anyway: only chat stays an exception.
    await expect
      .poll(() => card.getByTestId('tools-turned-on').textContent())
      .toBe('Switched on beyond the profile:none');
    expect(await card.getByTestId('tools-turned-off').locator('code').allTextContents()).toEqual([
      'chat',
    ]);
    expect(h.pageErrors).toEqual([]);
  });

  it('changing the profile keeps unsaved edits in the form, and leaving then still asks', async () => {
    const { page } = h;
    await h.open('settings');
    const timeout = page.getByLabel('Call timeout (seconds)');
    await timeout.fill('77');
    await page.getByTestId('tools-card').getByLabel('Tool profile').selectOption('standard');
    await expect.poll(() => h.core.settings.values.toolProfile).toBe('standard');
    await expect.poll(async () => (await client.listTools()).tools.length).toBeGreaterThan(10);
    // The form's edit survives the settings update the profile brought, and stays unsaved.
    expect(await timeout.inputValue()).toBe('77');
    expect(await button(page, 'Save changes').isEnabled()).toBe(true);
    await page
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Tools', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await button(page, 'Revert').click();
    expect(h.core.settings.values.callTimeoutS).not.toBe(77);
    // Nothing left unsaved: leaving asks nothing.
    await goTo(page, 'Tools');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('with the daemon stopped, the card shows the saved switches', async () => {
    const { page } = h;
    await h.open('settings');
    await h.core.supervisor.stop();
    await waitForBadge(page, 'stopped');
    const card = page.getByTestId('tools-card');
    await card
      .getByText('The daemon is not running: the switches below apply when it starts.')
      .waitFor();
    expect(await card.getByTestId('tools-turned-off').locator('code').allTextContents()).toEqual([
      'chat',
    ]);
    // The profile can still be picked; the daemon gets it when it starts.
    await card.getByLabel('Tool profile').selectOption('core');
    await expect.poll(() => h.core.settings.values.toolProfile).toBe('core');
    await h.core.supervisor.start();
    await waitForBadge(page, 'running');
    client = await h.connectClient('claude-code', '2.0.14');
    await expect.poll(listed).toEqual(
      CORE.filter((n) => n !== 'chat')
        .concat('status')
        .sort(),
    );
    expect(h.pageErrors).toEqual([]);
  });
});
