import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { GLM_KEY, KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, waitForBadge } from './ui.ts';

// The Usage and Tools pages against the real stack: real chat calls through the daemon to the
// fake providers with known token counts, the ledger in exai.db, main fetching it with the token.

// 100k in + 20k out at kimi-k2-0905-preview's shipped $0.60 / $2.50 per million: $0.11.
const PRICED = { prompt_tokens: 100_000, completion_tokens: 20_000, total_tokens: 120_000 };
// moonshot-v1-8k has no shipped price: its cost is unknown ("—") until the user sets one.
const UNPRICED = { prompt_tokens: 30_000, completion_tokens: 20_000, total_tokens: 50_000 };

describe('Usage and Tools pages', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY, glm: GLM_KEY } });
    client = await h.connectClient('claude-code', '2.0.14');
    h.kimi.script(
      { kind: 'reply', text: 'one', usage: PRICED },
      { kind: 'reply', text: 'two', usage: UNPRICED },
    );
    for (const model of ['kimi-k2-0905-preview', 'moonshot-v1-8k']) {
      const r = await client.callTool({
        name: 'chat',
        arguments: { prompt: `hi ${model}`, model },
      });
      expect(r.isError).toBeFalsy();
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  const usageRow = (model: string) =>
    h.page.getByRole('table', { name: 'Usage per day' }).locator('tr', { hasText: model });

  it('shows each model’s tokens and cost per day, unknown prices as —', async () => {
    const { page } = h;
    await h.open('usage');
    await waitForBadge(page, 'running');
    const priced = usageRow('kimi-k2-0905-preview');
    await priced.waitFor();
    const cells = async (row: ReturnType<typeof usageRow>) =>
      (await row.locator('td').allTextContents()).slice(1);
    expect(await cells(priced)).toEqual([
      'kimi',
      'kimi-k2-0905-preview',
      'chat',
      'claude-code',
      '1',
      '100,000',
      '20,000',
      '$0.11',
    ]);
    expect(await cells(usageRow('moonshot-v1-8k'))).toEqual([
      'kimi',
      'moonshot-v1-8k',
      'chat',
      'claude-code',
      '1',
      '30,000',
      '20,000',
      '—',
    ]);
    expect(
      await page.locator('.stat', { hasText: 'Input tokens' }).locator('.stat-value').textContent(),
    ).toBe('130,000');
    expect(
      await page.locator('.stat', { hasText: 'Spend' }).locator('.stat-value').textContent(),
    ).toBe('$0.11');
    expect(
      await page.locator('.stat', { hasText: 'Spend' }).locator('.stat-hint').textContent(),
    ).toBe('50,000 tokens have no price');
    // The charts drew (one line per provider by default; by model on request).
    await page.locator('.chart .u-over').first().waitFor();
    await page.getByLabel('Split by').selectOption('model');
    await page
      .locator('.chart', { hasText: 'Tokens per day' })
      .locator('.u-legend', { hasText: 'moonshot-v1-8k' })
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  });

  it('Export CSV saves the same rows where the user chose', async () => {
    const { page } = h;
    await button(page, 'Export CSV').click();
    await page.getByText(/^Saved the usage as /).waitFor();
    expect(h.savedFiles).toHaveLength(1);
    const lines = readFileSync(h.savedFiles[0]!, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'day,provider,model,tool,client,requests,input_tokens,output_tokens,estimated,cost,currency',
    );
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\d,kimi,kimi-k2-0905-preview,chat,claude-code,1,100000,20000,false,0\.11\d*,USD$/,
      ),
      expect.stringMatching(
        /^\d{4}-\d\d-\d\d,kimi,moonshot-v1-8k,chat,claude-code,1,30000,20000,false,,$/,
      ),
    ]);
  });

  it('a price the user sets is checked, saved, and recosts the usage at once', async () => {
    const { page } = h;
    const input = page.getByLabel('Input price for moonshot-v1-8k');
    await input.fill('cheap');
    await page.getByLabel('Output price for moonshot-v1-8k').fill('2');
    await page.getByLabel('Currency for moonshot-v1-8k').fill('CNY');
    await button(page, 'Save prices').click();
    await page.getByText('Enter a price per million tokens between 0 and 10000.').waitFor();
    await page.getByText('Fix the marked rows; nothing was saved.').waitFor();
    expect(h.core.settings.values.prices).toEqual({});

    await input.fill('1');
    await button(page, 'Save prices').click();
    await page.getByText('Prices saved.').waitFor();
    expect(h.core.settings.values.prices).toEqual({
      'moonshot-v1-8k': { input: 1, output: 2, currency: 'CNY' },
    });
    // 30k × ¥1/M + 20k × ¥2/M = ¥0.07, with no restart: the daemon keeps its pid.
    const pid = h.core.supervisor.state.pid;
    await usageRow('moonshot-v1-8k')
      .locator('td', { hasText: 'CN¥0.07' })
      .waitFor({ timeout: 20_000 });
    expect(h.core.supervisor.state.pid).toBe(pid);
    // A price of the user's own (no shipped one) can be removed again from the editor.
    await page
      .getByRole('table', { name: 'Prices' })
      .locator('tr', { hasText: 'moonshot-v1-8k' })
      .getByRole('button', { name: 'Remove' })
      .waitFor();
  });

  it('the Overview shows today’s spend and tokens', async () => {
    const { page } = h;
    await h.open('overview');
    await page.getByTestId('today-tokens').getByText('170,000').waitFor();
    expect(await page.getByTestId('today-spend').locator('.stat-value').textContent()).toBe(
      '$0.11 + CN¥0.07',
    );
  });

  it('Tools lists every tool with its family and 24-hour numbers; a switch hides it from connected clients', async () => {
    const { page } = h;
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changed += 1));
    await h.open('tools');
    const chatRow = page.locator('tr[data-tool="chat"]');
    await chatRow.waitFor();
    const cells = await chatRow.locator('td').allTextContents();
    expect(cells[1]).toContain('General questions');
    expect(cells[2]).toBe('Simple');
    // Two calls, none failed, 120k + 50k tokens.
    expect(cells[3]).toBe('2');
    expect(cells[5]).toBe('0%');
    expect(cells[6]).toBe('170,000');
    expect(await page.locator('tr[data-tool="version"] td').nth(2).textContent()).toBe('Utility');

    const chatSwitch = page.getByRole('switch', { name: 'Show chat to clients' });
    expect(await chatSwitch.isChecked()).toBe(true);
    await chatSwitch.click();
    await expect.poll(() => changed).toBeGreaterThan(0);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('chat');
    await expect.poll(() => chatSwitch.isChecked()).toBe(false);
    expect(h.core.settings.values.disabledTools).toEqual(['chat']);

    await chatSwitch.click();
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name))
      .toContain('chat');
    expect(h.core.settings.values.disabledTools).toEqual([]);

    // activity is a diagnostic tool: the standard profile hides it, its switch shows it anyway.
    const activity = page.getByRole('switch', { name: 'Show activity to clients' });
    expect(await activity.isChecked()).toBe(false);
    expect(await page.locator('tr[data-tool="activity"] td').nth(2).textContent()).toBe(
      'Diagnostic',
    );
    await activity.click();
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name))
      .toContain('activity');
    expect(h.core.settings.values.enabledTools).toEqual(['activity']);
    await activity.click();
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name))
      .not.toContain('activity');
  });

  it('the profile select changes what clients see without a restart', async () => {
    const { page } = h;
    const pid = h.core.supervisor.state.pid;
    await page.getByLabel('Tool profile').selectOption('core');
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name))
      .not.toContain('status');
    await expect
      .poll(() => page.getByRole('switch', { name: 'Show status to clients' }).isChecked())
      .toBe(false);
    expect(h.core.supervisor.state.pid).toBe(pid);
    await page.getByLabel('Tool profile').selectOption('standard');
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name))
      .toContain('status');
    expect(h.pageErrors).toEqual([]);
  });

  it('a call that finishes while the Usage page is open shows up without a reload', async () => {
    await h.open('usage');
    await usageRow('kimi-k2-0905-preview').waitFor();
    h.glm.script({
      kind: 'reply',
      text: 'glm',
      usage: { prompt_tokens: 4_000, completion_tokens: 1_000, total_tokens: 5_000 },
    });
    await client.callTool({ name: 'chat', arguments: { prompt: 'glm please', model: 'glm-4.6' } });
    // 4k × $0.60/M + 1k × $2.20/M = $0.0046
    await usageRow('glm-4.6').locator('td', { hasText: '$0.0046' }).waitFor({ timeout: 10_000 });
    expect(await usageRow('glm-4.6').locator('td').nth(6).textContent()).toBe('4,000');
  });
});
