import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegacyClient } from '../legacy/legacy-client.ts';
import { startHarness, type Harness } from './harness.ts';
import { badgeText, button, waitForBadge } from './ui.ts';

describe('daemon lifecycle on the Overview page', () => {
  let h: Harness;
  beforeAll(async () => {
    // A 3 s first retry leaves the crashed state on screen long enough to be seen.
    h = await startHarness({ start: false, retryDelayMs: 3_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Start, Stop and Restart are reflected on screen', async () => {
    const { page } = h;
    await h.open('overview');
    await waitForBadge(page, 'stopped');
    await page.getByText('The daemon is stopped.').waitFor();
    expect(await page.getByTestId('endpoint-ws').textContent()).toBe('not running');

    await button(page, 'Start').click();
    await waitForBadge(page, 'running');
    const ws = `ws://127.0.0.1:${h.port}`;
    await page.getByTestId('endpoint-ws').filter({ hasText: ws }).waitFor();
    await page.getByText('The daemon is stopped.').waitFor({ state: 'detached' });
    const version = page.locator('.stat', { hasText: 'Version' }).locator('.stat-value');
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).not.toBe('—');

    const pidBefore = h.core.supervisor.state.pid;
    await button(page, 'Restart').click();
    await waitForBadge(page, 'running');
    await expect.poll(() => h.core.supervisor.state.pid).not.toBe(pidBefore);
    await expect.poll(() => page.locator('.endpoint-row', { hasText: ws }).count()).toBe(1);

    await button(page, 'Stop').click();
    await waitForBadge(page, 'stopped');
    expect(h.core.supervisor.state.state).toBe('stopped');
    // Only the action that makes sense is offered.
    expect(await button(page, 'Stop').count()).toBe(0);
    expect(await button(page, 'Restart').count()).toBe(0);
    expect(await button(page, 'Start').isEnabled()).toBe(true);
  });

  it('copies the endpoint URL and reveals the token only on request', async () => {
    const { page } = h;
    // Each test sets up what it needs: a stopped daemon, started from the page.
    await h.core.supervisor.stop();
    await h.open('overview');
    await button(page, 'Start').click();
    await waitForBadge(page, 'running');
    await page.getByRole('button', { name: 'Copy WebSocket (MCP) URL' }).click();
    await expect
      .poll(() => h.clipboard.at(-1))
      .toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${h.port}`));

    const token = h.core.settings.token();
    expect(await page.getByTestId('token-value').textContent()).not.toContain(token);
    await button(page, 'Reveal').click();
    await page.getByTestId('token-value').filter({ hasText: token }).waitFor();

    await button(page, 'Rotate token…').click();
    await button(page, 'Rotate now').click();
    await expect.poll(() => h.core.settings.token()).not.toBe(token);
    await page.getByTestId('token-value').filter({ hasText: h.core.settings.token() }).waitFor();
  });

  it('a token rotated by an old EX-AI shim (legacy rotate_token) replaces the revealed one', async () => {
    const { page } = h;
    await h.core.supervisor.start();
    await h.open('overview');
    await button(page, 'Reveal').click();
    const old = h.core.settings.token();
    await page.getByTestId('token-value').filter({ hasText: old }).waitFor();
    const fresh = 'shim-rotated-token-0123456789abcdef';
    const { client } = await LegacyClient.session(`ws://127.0.0.1:${h.port}/`, old);
    client.send({ op: 'rotate_token', old, new: fresh });
    expect(await client.next((f) => f.op === 'rotate_token_res')).toMatchObject({ ok: true });
    await client.close();
    await page.getByTestId('token-value').filter({ hasText: fresh }).waitFor({ timeout: 10_000 });
    expect(h.core.settings.token()).toBe(fresh);
  });

  it('a daemon killed with SIGKILL shows as crashed, then recovers', async () => {
    const { page } = h;
    await h.core.supervisor.start();
    await h.open('overview');
    await waitForBadge(page, 'running');
    const pid = h.core.supervisor.state.pid;
    expect(pid).toBeTypeOf('number');
    process.kill(pid!, 'SIGKILL');

    const panel = page.getByRole('alert').filter({ has: page.getByTestId('crash-reason') });
    await panel.waitFor({ timeout: 10_000 });
    expect(await badgeText(page)).toMatch(/Crashed|Restarting/);
    expect((await page.getByTestId('crash-reason').textContent())?.length).toBeGreaterThan(5);

    await waitForBadge(page, 'running', 30_000);
    await panel.waitFor({ state: 'detached' });
    expect(h.core.supervisor.state.pid).not.toBe(pid);
    expect(h.pageErrors).toEqual([]);
  });
});
