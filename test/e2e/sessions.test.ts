import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';

describe('Sessions page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says what to do when no client is connected, and links to Connect', async () => {
    const { page } = h;
    await h.open('sessions');
    await page.getByText('No sessions yet — connect a client').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Connect a client' }).click();
    await page.locator('#page-title', { hasText: 'Connect a client' }).waitFor();
  });

  it('an MCP client connecting over WebSocket appears with its name, version and transport', async () => {
    const { page } = h;
    await h.open('sessions');
    await h.connectClient('e2e-inspector', '3.1.4');
    const row = page.locator('tr[data-session]', { hasText: 'e2e-inspector' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('3.1.4');
    expect(await row.textContent()).toContain('WebSocket');
    // The sidebar counts sessions too.
    await page.getByLabel('1 connected').waitFor();
  });

  it('a slow call shows as in flight (tool, model, elapsed), then finishes', async () => {
    const { page } = h;
    await h.open('sessions');
    const client = await h.connectClient('slow-caller', '1.0.0');
    const row = page.locator('tr[data-session]', { hasText: 'slow-caller' });
    await row.waitFor();
    h.kimi.script({ kind: 'reply', text: 'A considered answer.', latencyMs: 4_000 });
    const call = client.callTool({
      name: 'chat',
      arguments: { prompt: 'Take your time.', model: 'kimi-k2-0905-preview' },
    });
    call.catch(() => undefined); // awaited below; never an unhandled rejection if a step fails first

    const widths = () =>
      page
        .locator('.sessions-table thead th')
        .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
    const idle = await widths();
    await row.getByTestId('session-inflight').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    // The columns hold still while calls come and go.
    expect(await widths()).toEqual(idle);
    await row.getByRole('button', { name: 'slow-caller 1.0.0' }).click();
    const detail = page.getByRole('table', { name: 'In-flight calls of slow-caller' });
    const callRow = detail.locator('tr[data-call]');
    await callRow.waitFor();
    expect(await callRow.textContent()).toContain('chat');
    // The model is known once the router has chosen it, a moment after the call starts.
    await callRow.filter({ hasText: 'kimi-k2-0905-preview' }).waitFor({ timeout: 10_000 });
    expect(await callRow.textContent()).toMatch(/\d+\.\d s/);

    const result = await call;
    expect(result.isError).toBeFalsy();
    await callRow.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByText('No calls in flight.').waitFor();
    await expect.poll(() => row.getByTestId('session-inflight').textContent()).toBe('0');
    expect(await row.locator('td').nth(4).textContent()).toBe('1');
    expect(await row.textContent()).toContain('chat');
  });

  it('a running workflow call shows its tool and "step n of m"', async () => {
    const { page } = h;
    const client = await h.connectClient('workflow-caller', '1.0.0');
    const row = page.locator('tr[data-session]', { hasText: 'workflow-caller' });
    await row.waitFor();
    const base = { step: 'Review cache.ts', total_steps: 2, findings: 'Unbounded map' };
    const one = await client.callTool({
      name: 'codereview',
      arguments: { ...base, step_number: 1, next_step_required: true },
    });
    const id = (one.structuredContent as { continuation_id: string }).continuation_id;
    h.kimi.script({ kind: 'reply', text: 'Reviewed.', latencyMs: 4_000 });
    const call = client.callTool({
      name: 'codereview',
      arguments: { ...base, step_number: 2, next_step_required: false, continuation_id: id },
    });
    call.catch(() => undefined);

    await row.getByTestId('session-inflight').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'workflow-caller 1.0.0' }).click();
    const callRow = page
      .getByRole('table', { name: 'In-flight calls of workflow-caller' })
      .locator('tr[data-call]');
    await callRow.waitFor();
    expect(await callRow.textContent()).toContain('codereview');
    expect(await callRow.textContent()).toContain('step 2 of 2');
    expect((await call).isError).toBeFalsy();
    await callRow.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('Disconnect removes the session', async () => {
    const { page } = h;
    await h.open('sessions');
    await h.connectClient('leaving-client', '1.0.0');
    await h.connectClient('staying-client', '1.0.0');
    const row = page.locator('tr[data-session]', { hasText: 'leaving-client' });
    await row.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Disconnect leaving-client' }).click();
    // It asks first (safe actions, test/e2e/confirmations.test.ts), then disconnects.
    const confirm = page.locator('[data-testid^="disconnect-confirm-"]');
    await confirm
      .getByText('Disconnect leaving-client? The client has to reconnect to use EXAI again.')
      .waitFor();
    await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('tr[data-session]', { hasText: 'staying-client' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
