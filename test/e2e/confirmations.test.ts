import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, waitForBadge } from './ui.ts';

// Actions that lose something ask first and say what will be lost; a saved key offers a test.
describe('safe actions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY } });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A chat call that stays in flight until the client closes or `ms` pass. */
  const slowCall = (client: Client, ms: number) => {
    h.kimi.script({ kind: 'reply', text: 'Eventually.', latencyMs: ms });
    const call = client.callTool({
      name: 'chat',
      arguments: { prompt: 'slow', model: 'kimi-k2-0905-preview' },
    });
    call.catch(() => undefined);
    return call;
  };

  it('Clear key asks first, naming the key; Cancel keeps it', async () => {
    const { page } = h;
    await h.open('settings');
    const form = page.locator('form.key-form', { has: page.getByLabel('Kimi API key') });
    await form.getByRole('button', { name: 'Clear Kimi API key' }).click();
    const confirm = page.getByTestId('clear-confirm-kimi');
    await confirm.getByText(`Clear the Kimi key ending in ${KIMI_KEY.slice(-4)}?`).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(h.core.settings.view().keys.kimi.configured).toBe(true);

    await form.getByRole('button', { name: 'Clear Kimi API key' }).click();
    await page.getByTestId('clear-confirm-kimi').getByRole('button', { name: 'Clear key' }).click();
    await expect.poll(() => h.core.settings.view().keys.kimi.configured).toBe(false);
    await page.getByText('No key saved.').first().waitFor();
  });

  it('saving a key offers to test it, and the test says whether the provider accepted it', async () => {
    const { page } = h;
    await h.open('settings');
    const input = page.getByLabel('Kimi API key');
    await input.fill(KIMI_KEY);
    await page
      .locator('form.key-form', { has: input })
      .getByRole('button', { name: 'Save' })
      .click();
    const offer = page.getByTestId('test-offer-kimi');
    await offer.getByText('Kimi key saved. Test it against the provider now?').waitFor();
    await offer.getByRole('button', { name: 'Test connection' }).click();
    await page
      .getByTestId('key-test-kimi')
      .getByText('Kimi accepted the key.')
      .waitFor({ timeout: 20_000 });
    expect(h.kimi.requests.some((r) => r.path.endsWith('/models'))).toBe(true);
  });

  it('Disconnect asks first and names the calls that would be cancelled', async () => {
    const { page } = h;
    await h.open('sessions');
    const client = await h.connectClient('busy-client', '1.0.0');
    const row = page.locator('tr[data-session]', { hasText: 'busy-client' });
    await row.waitFor({ timeout: 10_000 });
    const call = slowCall(client, 20_000);
    await row.getByTestId('session-inflight').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Disconnect busy-client' }).click();
    const confirm = page.locator('[data-testid^="disconnect-confirm-"]');
    await confirm
      .getByText('Disconnect busy-client? Its 1 running call is cancelled and its answer is lost.')
      .waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.count()).toBe(1);

    await page.getByRole('button', { name: 'Disconnect busy-client' }).click();
    await page
      .locator('[data-testid^="disconnect-confirm-"]')
      .getByRole('button', { name: 'Disconnect', exact: true })
      .click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await call.catch(() => undefined); // the call ends with its connection
  });

  it('Stop and Restart ask first while calls are in flight; with none they act at once', async () => {
    const { page } = h;
    await h.open('overview');
    await waitForBadge(page, 'running');
    const client = await h.connectClient('overview-client', '1.0.0');
    const call = slowCall(client, 20_000);
    await expect
      .poll(() => h.core.supervisor.lastStatus?.inflight ?? 0, { timeout: 10_000 })
      .toBe(1);
    await page
      .locator('.stat', { hasText: 'In flight' })
      .locator('.stat-value')
      .filter({ hasText: '1' })
      .waitFor();

    const pid = h.core.supervisor.state.pid;
    await button(page, 'Stop').click();
    const confirm = page.getByTestId('daemon-confirm');
    await confirm
      .getByText(
        /1 call is still running\. It gets a few seconds to finish and is then cancelled; 1 connected client/,
      )
      .waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(h.core.supervisor.state.state).toBe('running');
    expect(h.core.supervisor.state.pid).toBe(pid);

    await button(page, 'Restart').click();
    await page
      .getByTestId('daemon-confirm')
      .getByRole('button', { name: 'Restart anyway' })
      .click();
    await expect.poll(() => h.core.supervisor.state.pid, { timeout: 20_000 }).not.toBe(pid);
    await waitForBadge(page, 'running');
    await call.catch(() => undefined); // the call ends with its connection

    // Nothing in flight: Restart acts at once.
    await expect
      .poll(() => h.core.supervisor.lastStatus?.inflight ?? -1, { timeout: 10_000 })
      .toBe(0);
    await page
      .locator('.stat', { hasText: 'In flight' })
      .locator('.stat-value')
      .filter({ hasText: /^0$/ })
      .waitFor();
    const pid2 = h.core.supervisor.state.pid;
    await button(page, 'Restart').click();
    expect(await page.getByTestId('daemon-confirm').count()).toBe(0);
    await expect.poll(() => h.core.supervisor.state.pid, { timeout: 20_000 }).not.toBe(pid2);
    await waitForBadge(page, 'running');
  });

  it('every configured provider down (circuit open) shows amber "no provider available"', async () => {
    const { page } = h;
    await h.open('overview');
    await page.locator('.sidebar .badge[data-readiness="ready"]').waitFor({ timeout: 10_000 });
    const client = await h.connectClient('failing-client', '1.0.0');
    h.kimi.script(...Array.from({ length: 12 }, () => ({ kind: 'status' as const, status: 500 })));
    for (
      let i = 0;
      i < 6 &&
      h.core.supervisor.lastStatus?.providers.find((p) => p.id === 'kimi')?.breaker !== 'open';
      i++
    ) {
      await client
        .callTool({
          name: 'chat',
          arguments: { prompt: `fail ${i}`, model: 'kimi-k2-0905-preview' },
        })
        .catch(() => undefined);
      await expect.poll(() => h.core.supervisor.lastStatus?.inflight).toBe(0);
    }
    await page
      .locator('.sidebar .badge[data-readiness="providers-down"]')
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('.sidebar .badge').textContent()).toBe(
      'Running — no provider available',
    );
    await page
      .getByTestId('readiness-note')
      .getByText('Every configured provider is failing')
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
